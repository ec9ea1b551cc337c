import { Context } from "effect"
import type { Region } from "../domain/region.js"
import type { ResourceService } from "./ResourceService.js"

/** Jurisdictions: readable by everyone signed in, written by city admins only. `remove` refuses a region still in use. */
export class Regions extends Context.Tag("@yinfa/core/Regions")<Regions, ResourceService<Region>>() {}
