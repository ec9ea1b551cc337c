import { Schema } from "effect"
import { Category } from "./categories.js"
import { OrganizationId, PairingCheckInId, PairingId, RegionCode, UserId, VolunteerId } from "./ids.js"
import { ContactPhone, Instant, IsoDate, OptionalText } from "./primitives.js"

/** 年轻干部 · 青年人才 · 中小学生 */
export const MenteeType = Schema.Literal("young-cadre", "young-talent", "pupil")
export type MenteeType = typeof MenteeType.Type

/** proposed → active → concluded; or declined (before starting) / ended (early) with a reason. */
export const PairingStatus = Schema.Literal("proposed", "active", "concluded", "declined", "ended")
export type PairingStatus = typeof PairingStatus.Type

export const PairingEndReason = Schema.Literal("health", "moved", "finished-school", "other")
export type PairingEndReason = typeof PairingEndReason.Type

const editable = {
  mentorId: VolunteerId,
  /** A person (结对帮带) when set; otherwise `beneficiaryOrganizationId` names the organisation (项目对接). */
  menteeType: Schema.NullOr(MenteeType),
  menteeName: OptionalText(50),
  /** School or unit of the mentee. */
  menteeUnit: OptionalText(100),
  /** Required for pupils. */
  guardianContact: Schema.NullOr(ContactPhone),
  beneficiaryOrganizationId: Schema.NullOr(OrganizationId),
  regionCode: RegionCode,
  category: Category,
  goals: OptionalText(2000)
}

/** A mentoring pair or a matchmaking between a mentor and an organisation. */
export const Pairing = Schema.Struct({
  id: PairingId,
  ...editable,
  status: PairingStatus,
  startedOn: Schema.NullOr(IsoDate),
  endedOn: Schema.NullOr(IsoDate),
  endReason: Schema.NullOr(PairingEndReason),
  endNote: Schema.String,
  createdAt: Instant,
  updatedAt: Instant
})
export type Pairing = typeof Pairing.Type

const optional = <S extends Schema.Schema.Any>(s: S, value: () => Schema.Schema.Type<S>) =>
  Schema.optionalWith(s, { default: value as never })

export const PairingCreate = Schema.Struct({
  ...editable,
  menteeType: optional(editable.menteeType, () => null),
  menteeName: optional(editable.menteeName, () => ""),
  menteeUnit: optional(editable.menteeUnit, () => ""),
  guardianContact: optional(editable.guardianContact, () => null),
  beneficiaryOrganizationId: optional(editable.beneficiaryOrganizationId, () => null),
  goals: optional(editable.goals, () => "")
})
export type PairingCreate = typeof PairingCreate.Type

export const PairingUpdate = Schema.partial(
  Schema.Struct({ goals: editable.goals, menteeUnit: editable.menteeUnit, guardianContact: editable.guardianContact })
)
export type PairingUpdate = typeof PairingUpdate.Type

/** Ending or declining a pairing: a reason from the fixed list, and free text (required for `other`). */
export const PairingClose = Schema.Struct({
  reason: PairingEndReason,
  note: Schema.optionalWith(OptionalText(500), { default: () => "" })
})
export type PairingClose = typeof PairingClose.Type

export const CheckInMode = Schema.Literal("in-person", "online", "phone")
export type CheckInMode = typeof CheckInMode.Type

/** A meeting of a pair; its hours count as the mentor's service hours. */
export const PairingCheckIn = Schema.Struct({
  id: PairingCheckInId,
  pairingId: PairingId,
  regionCode: RegionCode,
  date: IsoDate,
  hours: Schema.Number,
  mode: CheckInMode,
  notes: Schema.String,
  recordedBy: UserId,
  createdAt: Instant
})
export type PairingCheckIn = typeof PairingCheckIn.Type

export const PairingCheckInCreate = Schema.Struct({
  pairingId: PairingId,
  date: IsoDate,
  hours: Schema.Number.pipe(
    Schema.greaterThan(0, { message: () => "validation.hours.positive" }),
    Schema.lessThanOrEqualTo(24, { message: () => "validation.hours.max24" })
  ),
  mode: CheckInMode,
  notes: Schema.optionalWith(OptionalText(2000), { default: () => "" })
})
export type PairingCheckInCreate = typeof PairingCheckInCreate.Type
