import { Context } from "effect"
import type { BrandProject } from "../domain/brandProject.js"
import type { ResourceService } from "./ResourceService.js"

/** Brand projects (品牌项目). `remove` refuses one that activities still point at. */
export class BrandProjects extends Context.Tag("@yinfa/core/BrandProjects")<BrandProjects, ResourceService<BrandProject>>() {}
