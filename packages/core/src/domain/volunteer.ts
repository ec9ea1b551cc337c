import { Schema } from "effect"
import { Category, ExpertiseField } from "./categories.js"
import { OrganizationId, RegionCode, VolunteerId } from "./ids.js"
import { AcceptedChannel, Gender, Instant, IsoDate, MobilePhone, NonEmptyText, OptionalText, ResidentIdNumber } from "./primitives.js"

export const RetirementType = Schema.Literal("lixiu", "tuixiu")
export type RetirementType = typeof RetirementType.Type

/** good: any activity · limited: light offline work only · online-only: no offline activity. */
export const Fitness = Schema.Literal("good", "limited", "online-only")
export type Fitness = typeof Fitness.Type

export const VolunteerStatus = Schema.Literal("active", "paused", "archived")
export type VolunteerStatus = typeof VolunteerStatus.Type

export const ArchiveReason = Schema.Literal("health", "moved", "deceased", "withdrew")
export type ArchiveReason = typeof ArchiveReason.Type

/** Years of experience per expertise field; keys must be among `expertise`. */
export const ExpertiseYears = Schema.Record({
  key: Schema.String,
  value: Schema.Int.pipe(Schema.between(0, 80, { message: () => "validation.expertiseYears" }))
})

const MonthlyHours = Schema.Number.pipe(Schema.between(0, 200, { message: () => "validation.monthlyHours" }))

/** Fields an admin may set on create and change on update. */
const editable = {
  name: NonEmptyText(50),
  gender: Gender,
  birthDate: IsoDate,
  idNumber: Schema.NullOr(ResidentIdNumber),
  phone: Schema.NullOr(MobilePhone),
  regionCode: RegionCode,
  formerUnit: OptionalText(100),
  formerPosition: OptionalText(100),
  retirementType: RetirementType,
  partyMember: Schema.Boolean,
  partyBranchId: Schema.NullOr(OrganizationId),
  expertise: Schema.Array(ExpertiseField),
  expertiseYears: ExpertiseYears,
  interests: Schema.Array(Category),
  talentPool: Schema.Boolean,
  /** Sensitive health information: stored only once `healthDataConsentAt` is set. */
  fitness: Schema.NullOr(Fitness),
  monthlyHours: MonthlyHours,
  channels: Schema.Array(AcceptedChannel),
  /** When the volunteer agreed to join and to the processing of their personal data. */
  consentAt: Instant,
  /** Separate consent for health and fitness data (PIPL sensitive personal information). */
  healthDataConsentAt: Schema.NullOr(Instant),
  joinedAt: IsoDate
}

/** A retired cadre who volunteers (离退休干部志愿者). */
export const Volunteer = Schema.Struct({
  id: VolunteerId,
  /** The unified volunteer number (志愿者编号), issued by the system; the public identifier. */
  volunteerNumber: Schema.String,
  ...editable,
  status: VolunteerStatus,
  archiveReason: Schema.NullOr(ArchiveReason),
  archiveNote: Schema.String,
  createdAt: Instant,
  updatedAt: Instant
})
export type Volunteer = typeof Volunteer.Type

const optional = <S extends Schema.Schema.Any>(s: S, value: () => Schema.Schema.Type<S>) =>
  Schema.optionalWith(s, { default: value as never })

export const VolunteerCreate = Schema.Struct({
  ...editable,
  idNumber: optional(editable.idNumber, () => null),
  phone: optional(editable.phone, () => null),
  formerUnit: optional(editable.formerUnit, () => ""),
  formerPosition: optional(editable.formerPosition, () => ""),
  retirementType: optional(editable.retirementType, () => "tuixiu" as const),
  partyMember: optional(editable.partyMember, () => true),
  partyBranchId: optional(editable.partyBranchId, () => null),
  expertise: optional(editable.expertise, () => []),
  expertiseYears: optional(editable.expertiseYears, () => ({})),
  interests: optional(editable.interests, () => []),
  talentPool: optional(editable.talentPool, () => false),
  fitness: optional(editable.fitness, () => null),
  monthlyHours: optional(editable.monthlyHours, () => 8),
  channels: optional(editable.channels, () => ["online", "offline"] as const),
  /** Required: nobody is registered without their consent (自觉自愿). */
  consentAt: editable.consentAt,
  healthDataConsentAt: optional(editable.healthDataConsentAt, () => null),
  joinedAt: Schema.optional(editable.joinedAt)
})
export type VolunteerCreate = typeof VolunteerCreate.Type

export const VolunteerUpdate = Schema.partial(Schema.Struct(editable))
export type VolunteerUpdate = typeof VolunteerUpdate.Type

export const VolunteerArchive = Schema.Struct({
  reason: ArchiveReason,
  note: Schema.optionalWith(OptionalText(500), { default: () => "" })
})
export type VolunteerArchive = typeof VolunteerArchive.Type
