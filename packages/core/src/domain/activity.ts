import { Schema } from "effect"
import { Category, ExpertiseField } from "./categories.js"
import { ActivityId, BrandProjectId, OrganizationId, RegionCode } from "./ids.js"
import { Channel, Instant, LocalDateTime, NonEmptyText, NonNegativeInt, OptionalText, PositiveInt } from "./primitives.js"

export const RiskLevel = Schema.Literal("low", "elevated")
export type RiskLevel = typeof RiskLevel.Type

export const ActivityStatus = Schema.Literal("draft", "published", "completed", "cancelled")
export type ActivityStatus = typeof ActivityStatus.Type

/**
 * Safety management for elderly volunteers (医疗救护、交通出行、安全保险): every text may be
 * drafted empty; `safetyPlanProblems` says what publishing still needs.
 */
export const SafetyPlan = Schema.Struct({
  medicalAid: OptionalText(1000),
  transport: OptionalText(1000),
  insurer: OptionalText(100),
  insurancePolicyNumber: OptionalText(100),
  epidemicMeasures: OptionalText(1000),
  /** The risks told to volunteers before they take part (条例 §12). */
  risksDisclosed: OptionalText(2000)
})
export type SafetyPlan = typeof SafetyPlan.Type

const editable = {
  title: NonEmptyText(100),
  category: Category,
  /** A format code of the category (see categories.ts); checked against the configured formats. */
  format: Schema.String,
  description: OptionalText(5000),
  organizerId: Schema.NullOr(OrganizationId),
  partnerIds: Schema.Array(OrganizationId),
  regionCode: RegionCode,
  channel: Channel,
  /** Required unless the activity is online. */
  venue: OptionalText(200),
  startsAt: LocalDateTime,
  endsAt: LocalDateTime,
  volunteersNeeded: PositiveInt,
  requiredExpertise: Schema.Array(ExpertiseField),
  beneficiaryGroup: OptionalText(100),
  beneficiaryCount: NonNegativeInt,
  brandProjectId: Schema.NullOr(BrandProjectId),
  riskLevel: RiskLevel,
  safetyPlan: Schema.NullOr(SafetyPlan)
}

/** A volunteer service activity (志愿服务活动). */
export const Activity = Schema.Struct({
  id: ActivityId,
  ...editable,
  status: ActivityStatus,
  cancelReason: Schema.String,
  publishedAt: Schema.NullOr(Instant),
  completedAt: Schema.NullOr(Instant),
  createdAt: Instant,
  updatedAt: Instant
})
export type Activity = typeof Activity.Type

const optional = <S extends Schema.Schema.Any>(s: S, value: () => Schema.Schema.Type<S>) =>
  Schema.optionalWith(s, { default: value as never })

export const ActivityCreate = Schema.Struct({
  ...editable,
  description: optional(editable.description, () => ""),
  organizerId: optional(editable.organizerId, () => null),
  partnerIds: optional(editable.partnerIds, () => []),
  venue: optional(editable.venue, () => ""),
  requiredExpertise: optional(editable.requiredExpertise, () => []),
  beneficiaryGroup: optional(editable.beneficiaryGroup, () => ""),
  beneficiaryCount: optional(editable.beneficiaryCount, () => 0),
  brandProjectId: optional(editable.brandProjectId, () => null),
  riskLevel: optional(editable.riskLevel, () => "low" as const),
  safetyPlan: optional(editable.safetyPlan, () => null)
})
export type ActivityCreate = typeof ActivityCreate.Type

export const ActivityUpdate = Schema.partial(Schema.Struct(editable))
export type ActivityUpdate = typeof ActivityUpdate.Type

export const ActivityCancel = Schema.Struct({ reason: NonEmptyText(500) })
export type ActivityCancel = typeof ActivityCancel.Type
