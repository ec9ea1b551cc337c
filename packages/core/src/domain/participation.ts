import { Schema } from "effect"
import { ActivityId, ParticipationId, RegionCode, UserId, VolunteerId } from "./ids.js"
import { Instant, NonEmptyText, OptionalText } from "./primitives.js"

/** signed-up → confirmed → attended | absent, or withdrawn; waitlisted when the activity is full. */
export const ParticipationStatus = Schema.Literal("signed-up", "waitlisted", "confirmed", "attended", "absent", "withdrawn")
export type ParticipationStatus = typeof ParticipationStatus.Type

/** Hours of one attendance: more than 0, at most 24; the activity's duration is checked by the rule. */
export const HoursValue = Schema.Number.pipe(
  Schema.greaterThan(0, { message: () => "validation.hours.positive" }),
  Schema.lessThanOrEqualTo(24, { message: () => "validation.hours.max24" })
)

/** A volunteer in an activity. */
export const Participation = Schema.Struct({
  id: ParticipationId,
  activityId: ActivityId,
  volunteerId: VolunteerId,
  /** The activity's region: the jurisdiction that runs it. */
  regionCode: RegionCode,
  status: ParticipationStatus,
  role: Schema.String,
  /** Current verified hours: the sum of this participation's service-hour entries. */
  hours: Schema.NullOr(Schema.Number),
  feedback: Schema.String,
  verifiedBy: Schema.NullOr(UserId),
  recordedAt: Schema.NullOr(Instant),
  /** Recorded more than the allowed working days after the activity ended (§11): allowed, flagged. */
  recordedLate: Schema.Boolean,
  /** The volunteer's own agreement to go past their stated limits, with the admin's reason. */
  overrideReason: Schema.NullOr(Schema.String),
  signedUpAt: Instant,
  confirmedAt: Schema.NullOr(Instant),
  withdrawnAt: Schema.NullOr(Instant),
  createdAt: Instant,
  updatedAt: Instant
})
export type Participation = typeof Participation.Type

export const ParticipationSignUp = Schema.Struct({
  activityId: ActivityId,
  volunteerId: VolunteerId,
  role: Schema.optionalWith(OptionalText(50), { default: () => "" }),
  /**
   * Set only when the volunteer agreed to go past their capacity, channel or fitness limits:
   * the reason is kept on the record and in the audit log.
   */
  overrideReason: Schema.optionalWith(Schema.NullOr(NonEmptyText(500)), { default: () => null })
})
export type ParticipationSignUp = typeof ParticipationSignUp.Type

export const ParticipationAttend = Schema.Struct({
  hours: HoursValue,
  feedback: Schema.optionalWith(OptionalText(2000), { default: () => "" })
})
export type ParticipationAttend = typeof ParticipationAttend.Type

export const HoursCorrection = Schema.Struct({
  hours: HoursValue,
  reason: NonEmptyText(500)
})
export type HoursCorrection = typeof HoursCorrection.Type

/** Only these change through a plain update; status moves through the workflow actions. */
export const ParticipationUpdate = Schema.partial(Schema.Struct({ role: OptionalText(50), feedback: OptionalText(2000) }))
export type ParticipationUpdate = typeof ParticipationUpdate.Type
