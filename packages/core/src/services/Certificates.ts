import { Context, type Effect, Schema } from "effect"
import type { CurrentActor } from "../actor.js"
import type { Certificate } from "../domain/certificate.js"
import { IsoDate, OptionalText } from "../domain/primitives.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ReadOnlyService } from "./ReadOnlyService.js"

/**
 * What an admin may choose when issuing. The period defaults to the volunteer's first and last
 * service dates; the issuer to the bureau (organisation of kind `bureau`) of the volunteer's
 * region, with its contact person and phone.
 */
export const CertificateIssue = Schema.Struct({
  periodFrom: Schema.optionalWith(Schema.NullOr(IsoDate), { default: () => null }),
  periodTo: Schema.optionalWith(Schema.NullOr(IsoDate), { default: () => null }),
  /** The issuing body's name, overriding the region's bureau. */
  issuer: Schema.optionalWith(Schema.NullOr(OptionalText(100)), { default: () => null }),
  /** 负责人 and 联系电话 of the issuer block, overriding the bureau's contact. */
  personInCharge: Schema.optionalWith(Schema.NullOr(OptionalText(50)), { default: () => null }),
  contact: Schema.optionalWith(Schema.NullOr(OptionalText(50)), { default: () => null })
})
export type CertificateIssue = typeof CertificateIssue.Type

/** The issuer block of a certificate: the issuing bureau, its person in charge and a contact. */
export interface CertificateIssuer {
  readonly name: string
  readonly personInCharge: string
  readonly contact: string
}

/**
 * The stored `issuer` field holds the whole issuer block frozen at issue, one part per line
 * (name, person in charge, contact), because the certificate record has a single issuer column.
 */
export const formatIssuer = (issuer: CertificateIssuer): string =>
  [issuer.name, issuer.personInCharge, issuer.contact]
    .map((s) => s.replace(/[\r\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n+$/, "")

export const parseIssuer = (stored: string): CertificateIssuer => {
  const [name = "", personInCharge = "", contact = ""] = stored.split("\n")
  return { name, personInCharge, contact }
}

/**
 * What anyone holding a certificate number may learn: exactly what the paper shows, without
 * record ids, region codes or who clicked "issue".
 */
export interface CertificateVerification {
  readonly certificateNumber: string
  readonly volunteerName: string
  readonly volunteerNumber: string
  readonly maskedIdNumber: string | null
  readonly totalHours: number
  readonly starLevel: number
  readonly serviceSummary: string
  readonly periodFrom: string | null
  readonly periodTo: string | null
  readonly issuer: CertificateIssuer
  readonly issuedOn: string
}

/**
 * Service certificates (志愿服务证明). `issue` freezes the volunteer's identity (masked ID),
 * verified hours in the period, the star level their all-time hours earn, hours by category,
 * the period and the issuer block into a numbered record, audited as "issue". Admins of the
 * volunteer's region (or the city) issue; lists are scoped. `verify` is public.
 */
export interface CertificatesService extends ReadOnlyService<Certificate> {
  /** input: CertificateIssue */
  readonly issue: (
    volunteerId: string,
    input?: unknown
  ) => Effect.Effect<Certificate, ValidationError | NotFound | Forbidden | Conflict, CurrentActor>
  /** Public: no actor needed. Unknown numbers are NotFound. */
  readonly verify: (certificateNumber: string) => Effect.Effect<CertificateVerification, NotFound>
}

export class Certificates extends Context.Tag("@yinfa/core/Certificates")<Certificates, CertificatesService>() {}

/** A certificate as its public verification shows it. */
export const certificateVerification = (c: Certificate): CertificateVerification => ({
  certificateNumber: c.certificateNumber,
  volunteerName: c.volunteerName,
  volunteerNumber: c.volunteerNumber,
  maskedIdNumber: c.maskedIdNumber,
  totalHours: c.totalHours,
  starLevel: c.starLevel,
  serviceSummary: c.serviceSummary,
  periodFrom: c.periodFrom,
  periodTo: c.periodTo,
  issuer: parseIssuer(c.issuer),
  issuedOn: c.issuedOn
})
