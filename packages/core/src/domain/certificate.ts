import { Schema } from "effect"
import { CertificateId, RegionCode, UserId, VolunteerId } from "./ids.js"
import { Instant, IsoDate } from "./primitives.js"

/**
 * An issued service certificate (志愿服务证明). The record freezes what the certificate shows so
 * that verification by number returns exactly that and nothing more.
 */
export const Certificate = Schema.Struct({
  id: CertificateId,
  certificateNumber: Schema.String,
  volunteerId: VolunteerId,
  regionCode: RegionCode,
  volunteerName: Schema.String,
  volunteerNumber: Schema.String,
  maskedIdNumber: Schema.NullOr(Schema.String),
  totalHours: Schema.Number,
  starLevel: Schema.Int,
  serviceSummary: Schema.String,
  periodFrom: Schema.NullOr(IsoDate),
  periodTo: Schema.NullOr(IsoDate),
  issuer: Schema.String,
  issuedBy: UserId,
  issuedOn: IsoDate,
  createdAt: Instant
})
export type Certificate = typeof Certificate.Type
