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

/**
 * A new volunteer as an admin or an import gives it: the fields with a default may be left out.
 * The defaults are filled by `withVolunteerDefaults`, not by the schema: a schema default makes
 * the struct a transformation, and Effect then checks every decoded field a second time against
 * its type side (the ID number's checksum, the dates, the trims). An import of 100 000 rows spent
 * ~29 µs a row decoding this schema with its defaults, ~19 µs without (docs/performance.md).
 */
export const VolunteerCreate = Schema.Struct({
  name: editable.name,
  gender: editable.gender,
  birthDate: editable.birthDate,
  idNumber: Schema.optional(editable.idNumber),
  phone: Schema.optional(editable.phone),
  regionCode: editable.regionCode,
  formerUnit: Schema.optional(editable.formerUnit),
  formerPosition: Schema.optional(editable.formerPosition),
  retirementType: Schema.optional(editable.retirementType),
  partyMember: Schema.optional(editable.partyMember),
  partyBranchId: Schema.optional(editable.partyBranchId),
  expertise: Schema.optional(editable.expertise),
  expertiseYears: Schema.optional(editable.expertiseYears),
  interests: Schema.optional(editable.interests),
  talentPool: Schema.optional(editable.talentPool),
  fitness: Schema.optional(editable.fitness),
  monthlyHours: Schema.optional(editable.monthlyHours),
  channels: Schema.optional(editable.channels),
  /** Required: nobody is registered without their consent (自觉自愿). */
  consentAt: editable.consentAt,
  healthDataConsentAt: Schema.optional(editable.healthDataConsentAt),
  /** Today (the city's calendar) when left out. */
  joinedAt: Schema.optional(editable.joinedAt)
})
export type VolunteerCreate = typeof VolunteerCreate.Type

/** The fields of a volunteer an admin sets, every one of them present. */
export type VolunteerFields = Omit<
  Volunteer,
  "id" | "volunteerNumber" | "status" | "archiveReason" | "archiveNote" | "createdAt" | "updatedAt"
>

/** A decoded `VolunteerCreate` with the defaults filled in; `today` is the join date when none is given. */
export const withVolunteerDefaults = (command: VolunteerCreate, today: string): VolunteerFields => ({
  name: command.name,
  gender: command.gender,
  birthDate: command.birthDate,
  idNumber: command.idNumber ?? null,
  phone: command.phone ?? null,
  regionCode: command.regionCode,
  formerUnit: command.formerUnit ?? "",
  formerPosition: command.formerPosition ?? "",
  retirementType: command.retirementType ?? "tuixiu",
  partyMember: command.partyMember ?? true,
  partyBranchId: command.partyBranchId ?? null,
  expertise: command.expertise ?? [],
  expertiseYears: command.expertiseYears ?? {},
  interests: command.interests ?? [],
  talentPool: command.talentPool ?? false,
  fitness: command.fitness ?? null,
  monthlyHours: command.monthlyHours ?? 8,
  channels: command.channels ?? ["online", "offline"],
  consentAt: command.consentAt,
  healthDataConsentAt: command.healthDataConsentAt ?? null,
  joinedAt: command.joinedAt ?? today
})

export const VolunteerUpdate = Schema.partial(Schema.Struct(editable))
export type VolunteerUpdate = typeof VolunteerUpdate.Type

export const VolunteerArchive = Schema.Struct({
  reason: ArchiveReason,
  note: Schema.optionalWith(OptionalText(500), { default: () => "" })
})
export type VolunteerArchive = typeof VolunteerArchive.Type
