import { Context } from "effect"
import type { Exemplar } from "../domain/exemplar.js"
import type { ResourceService } from "./ResourceService.js"

/**
 * Exemplary figures (先进典型). The record takes the volunteer's region; county-level
 * recognitions are written by that region's admin or a city admin, city-level ones by city admins only.
 */
export class Exemplars extends Context.Tag("@yinfa/core/Exemplars")<Exemplars, ResourceService<Exemplar>>() {}
