import { Context, type Effect } from "effect"
import type { CurrentActor } from "../actor.js"
import type { ExperienceReport } from "../domain/experienceReport.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ResourceService } from "./ResourceService.js"

type Failure = ValidationError | Conflict | Forbidden | NotFound

/**
 * Good practice reports: draft → submitted → accepted | returned → published (from accepted).
 * A returned report is edited and submitted again. Region admins write and submit for their own
 * region; only city admins accept, return or publish. Only drafts and returned reports are edited.
 */
export interface ExperienceReportsService extends ResourceService<ExperienceReport> {
  readonly submit: (id: string) => Effect.Effect<ExperienceReport, Failure, CurrentActor>
  readonly accept: (id: string) => Effect.Effect<ExperienceReport, Failure, CurrentActor>
  /** input: ReportReturn ({ notes }) */
  readonly return: (id: string, input: unknown) => Effect.Effect<ExperienceReport, Failure, CurrentActor>
  /** input: ReportPublish ({ featured }) */
  readonly publish: (id: string, input: unknown) => Effect.Effect<ExperienceReport, Failure, CurrentActor>
}

export class ExperienceReports extends Context.Tag("@yinfa/core/ExperienceReports")<ExperienceReports, ExperienceReportsService>() {}
