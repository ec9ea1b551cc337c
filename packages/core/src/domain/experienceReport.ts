import { Schema } from "effect"
import { Category } from "./categories.js"
import { ActivityId, ExperienceReportId, RegionCode, UserId } from "./ids.js"
import { Instant, NonEmptyText } from "./primitives.js"

/** draft → submitted → accepted | returned (with notes, back to draft work) → published. */
export const ReportStatus = Schema.Literal("draft", "submitted", "accepted", "returned", "published")
export type ReportStatus = typeof ReportStatus.Type

const editable = {
  title: NonEmptyText(100),
  category: Category,
  regionCode: RegionCode,
  body: NonEmptyText(20000),
  activityIds: Schema.Array(ActivityId)
}

/** Good experience and practice (好经验好做法) sent up to the city bureau's Function Department. */
export const ExperienceReport = Schema.Struct({
  id: ExperienceReportId,
  ...editable,
  status: ReportStatus,
  reviewerNotes: Schema.String,
  featured: Schema.Boolean,
  authorId: UserId,
  submittedAt: Schema.NullOr(Instant),
  reviewedAt: Schema.NullOr(Instant),
  publishedAt: Schema.NullOr(Instant),
  createdAt: Instant,
  updatedAt: Instant
})
export type ExperienceReport = typeof ExperienceReport.Type

export const ExperienceReportCreate = Schema.Struct({
  ...editable,
  activityIds: Schema.optionalWith(editable.activityIds, { default: () => [] })
})
export type ExperienceReportCreate = typeof ExperienceReportCreate.Type

export const ExperienceReportUpdate = Schema.partial(Schema.Struct(editable))
export type ExperienceReportUpdate = typeof ExperienceReportUpdate.Type

export const ReportReturn = Schema.Struct({ notes: NonEmptyText(2000) })
export type ReportReturn = typeof ReportReturn.Type

export const ReportPublish = Schema.Struct({ featured: Schema.optionalWith(Schema.Boolean, { default: () => false }) })
export type ReportPublish = typeof ReportPublish.Type
