import { Schema } from "effect"
import { v7 as uuidv7 } from "uuid"

/** Branded ids: a volunteer id cannot be passed where an activity id is expected. */
const Id = <B extends string>(brand: B) => Schema.String.pipe(Schema.minLength(1), Schema.maxLength(64), Schema.brand(brand))

export const VolunteerId = Id("VolunteerId")
export type VolunteerId = typeof VolunteerId.Type
export const ActivityId = Id("ActivityId")
export type ActivityId = typeof ActivityId.Type
export const ParticipationId = Id("ParticipationId")
export type ParticipationId = typeof ParticipationId.Type
export const ServiceHourId = Id("ServiceHourId")
export type ServiceHourId = typeof ServiceHourId.Type
export const PairingId = Id("PairingId")
export type PairingId = typeof PairingId.Type
export const PairingCheckInId = Id("PairingCheckInId")
export type PairingCheckInId = typeof PairingCheckInId.Type
export const OrganizationId = Id("OrganizationId")
export type OrganizationId = typeof OrganizationId.Type
export const ExperienceReportId = Id("ExperienceReportId")
export type ExperienceReportId = typeof ExperienceReportId.Type
export const BrandProjectId = Id("BrandProjectId")
export type BrandProjectId = typeof BrandProjectId.Type
export const ExemplarId = Id("ExemplarId")
export type ExemplarId = typeof ExemplarId.Type
export const UserId = Id("UserId")
export type UserId = typeof UserId.Type
export const AuditEntryId = Id("AuditEntryId")
export type AuditEntryId = typeof AuditEntryId.Type
export const SessionId = Id("SessionId")
export type SessionId = typeof SessionId.Type
export const CertificateId = Id("CertificateId")
export type CertificateId = typeof CertificateId.Type

/** Region codes are the statistical division codes (GB/T 2260) where one exists. */
export const RegionCode = Schema.String.pipe(
  Schema.pattern(/^[0-9A-Za-z-]{2,20}$/, { message: () => "validation.regionCode" }),
  Schema.brand("RegionCode")
)
export type RegionCode = typeof RegionCode.Type

/**
 * Time-ordered UUIDs (version 7: milliseconds, then a counter, then random bits from the
 * platform's CSPRNG). Every record's primary key and the audit log's record ids are B-tree
 * indexes; keys that grow with time are appended to their last page instead of landing on a
 * random one, which made a 100 000-row import's writes about a quarter cheaper on SQLite
 * (docs/performance.md). They reveal when a record was made, which its createdAt shows anyway.
 * Login tokens are not ids: they come from node:crypto's randomBytes.
 */
export const newId = (): string => uuidv7()
