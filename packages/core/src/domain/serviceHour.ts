import { Schema } from "effect"
import { Category } from "./categories.js"
import { ParticipationId, PairingCheckInId, PairingId, RegionCode, ServiceHourId, UserId, VolunteerId } from "./ids.js"
import { Instant, IsoDate } from "./primitives.js"

export const ServiceHourSource = Schema.Literal("attendance", "correction", "check-in")
export type ServiceHourSource = typeof ServiceHourSource.Type

/**
 * The service-hour ledger: append-only. Attendance and pairing check-ins add entries; a
 * correction adds the difference with its reason (记录与证明出具办法 §13), never rewriting an
 * entry. A volunteer's verified hours are the sum of their entries.
 */
export const ServiceHour = Schema.Struct({
  id: ServiceHourId,
  volunteerId: VolunteerId,
  /** Where the service happened: the activity's or pairing's region. */
  regionCode: RegionCode,
  category: Category,
  source: ServiceHourSource,
  participationId: Schema.NullOr(ParticipationId),
  pairingId: Schema.NullOr(PairingId),
  checkInId: Schema.NullOr(PairingCheckInId),
  serviceDate: IsoDate,
  /** Hours added; negative for a correction downwards. */
  hours: Schema.Number,
  reason: Schema.String,
  recordedBy: UserId,
  recordedAt: Instant,
  late: Schema.Boolean
})
export type ServiceHour = typeof ServiceHour.Type

/** Hours as people read them and totals are reported: two decimals, free of float noise (0.1 + 0.2). */
export const roundHours = (n: number): number => Math.round(n * 100) / 100
