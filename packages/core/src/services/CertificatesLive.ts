import { Effect, Layer } from "effect"
import { CurrentActor, requireWriteIn } from "../actor.js"
import { YinfaConfig } from "../config.js"
import type { Certificate } from "../domain/certificate.js"
import { type Category, CATEGORY_CODES, categoryDef } from "../domain/categories.js"
import { type CertificateId, newId, type UserId } from "../domain/ids.js"
import { maskResidentId } from "../domain/residentId.js"
import { conflict, invalid, NotFound } from "../errors.js"
import { translateVerbatim } from "../i18n/index.js"
import { Store } from "../ports/Store.js"
import { type Filter, Q } from "../query.js"
import { nowInstant, todayLocal } from "../time.js"
import { CertificateIssue, Certificates, certificateVerification, formatIssuer } from "./Certificates.js"
import { decodeInput, getManyScoped, getScoped, insertAudited, listScoped } from "./internal/crud.js"
import { exactHours } from "./internal/hours.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"
import { starLevel } from "./ServiceRecords.js"

/** Letters and digits nobody misreads on paper (no 0/O, 1/I/L). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/**
 * Sequence numbers alone would let anyone walk the public verification through every
 * volunteer's name; a random four-character code makes a number unguessable.
 */
const randomCode = (length = 4): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("")
}

/** YFZM-2026-000001-7KQD: 银发证明, year of issue, sequence, check code. */
export const certificateNumber = (year: string, sequence: number, code: string = randomCode()): string =>
  `YFZM-${year}-${String(sequence).padStart(6, "0")}-${code}`

/** What people type or scan: full-width characters, spaces, lower case. */
export const normalizeCertificateNumber = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "").toUpperCase()

export const CertificatesLive: ServiceLayer<Certificates> = Layer.effect(
  Certificates,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("certificates", query)),
      get: (id) => provide(getScoped("certificates", id)),
      getMany: (ids) => provide(getManyScoped("certificates", ids)),
      issue: (volunteerId, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const config = yield* YinfaConfig
            // Out of the actor's jurisdiction the volunteer does not exist for them.
            const volunteer = yield* getScoped("volunteers", volunteerId)
            yield* requireWriteIn(actor, volunteer.regionCode)
            const command = yield* decodeInput(CertificateIssue, input ?? {})
            if (command.periodFrom && command.periodTo && command.periodTo < command.periodFrom)
              return yield* Effect.fail(invalid("periodTo", "validation.periodOrder", "the period ends before it starts"))

            const mine: Array<Filter> = [Q.eq("volunteerId", volunteer.id)]
            const inPeriod: Array<Filter> = [
              ...mine,
              ...(command.periodFrom ? [Q.gte("serviceDate", command.periodFrom)] : []),
              ...(command.periodTo ? [Q.lte("serviceDate", command.periodTo)] : [])
            ]
            // Hours count wherever they were served: the ledger is read without the region filter.
            const [byCategoryRows, allTime, first, last] = yield* Effect.all([
              store.aggregate("service-hours", {
                filters: inPeriod,
                groupBy: [{ field: "category", as: "category" }],
                measures: [{ fn: "sum", field: "hours", as: "hours" }]
              }),
              store.aggregate("service-hours", { filters: mine, groupBy: [], measures: [{ fn: "sum", field: "hours", as: "hours" }] }),
              store.list("service-hours", Q.all(inPeriod, [{ field: "serviceDate", order: "ASC" }], { offset: 0, limit: 1 })),
              store.list("service-hours", Q.all(inPeriod, [{ field: "serviceDate", order: "DESC" }], { offset: 0, limit: 1 }))
            ])
            const hours = new Map<Category, number>()
            for (const row of byCategoryRows) hours.set(row.category as Category, exactHours(Number(row.hours)))
            const totalHours = exactHours([...hours.values()].reduce((s, h) => s + h, 0))
            if (totalHours <= 0)
              return yield* Effect.fail(conflict("conflict.certificateNoHours", "no verified service hours in the period"))
            // The summary is stored on the issued record, in the language certificates are issued in:
            // zh-CN whatever the reader's language, so the record never changes once issued.
            const serviceSummary = CATEGORY_CODES.filter((c) => (hours.get(c) ?? 0) > 0)
              .map((c) =>
                translateVerbatim("zh-CN", "certificate.summaryItem", {
                  category: categoryDef(config.categories, c).label["zh-CN"],
                  hours: hours.get(c) ?? 0
                })
              )
              .join(translateVerbatim("zh-CN", "certificate.summarySeparator"))
            // The star level is the volunteer's standing (all verified hours), whatever the period.
            const thresholds = [...config.starThresholds].sort((a, b) => a - b)
            const stars = starLevel(exactHours(Number(allTime[0]?.hours ?? 0)), thresholds)

            const bureaus = yield* store.list(
              "organizations",
              Q.all([Q.eq("regionCode", volunteer.regionCode), Q.eq("kind", "bureau")], [{ field: "name", order: "ASC" }], {
                offset: 0,
                limit: 1
              })
            )
            const bureau = bureaus.rows[0]
            const issuerName = command.issuer ?? bureau?.name ?? ""
            if (issuerName === "")
              return yield* Effect.fail(
                invalid("issuer", "validation.certificate.issuer", "the region has no bureau on record: give the issuer")
              )
            // A named issuer other than the bureau does not inherit the bureau's contact person.
            const fromBureau = command.issuer === null || command.issuer === bureau?.name
            const issuer = formatIssuer({
              name: issuerName,
              personInCharge: command.personInCharge ?? (fromBureau ? (bureau?.contactName ?? "") : ""),
              contact: command.contact ?? (fromBureau ? (bureau?.contactPhone ?? "") : "")
            })

            const issuedOn = yield* todayLocal
            const createdAt = yield* nowInstant
            return yield* store.transaction(
              Effect.gen(function* () {
                const sequence = yield* store.nextSequence("certificate-number")
                const certificate: Certificate = {
                  id: newId() as CertificateId,
                  certificateNumber: certificateNumber(issuedOn.slice(0, 4), sequence),
                  volunteerId: volunteer.id,
                  regionCode: volunteer.regionCode,
                  volunteerName: volunteer.name,
                  volunteerNumber: volunteer.volunteerNumber,
                  maskedIdNumber: maskResidentId(volunteer.idNumber),
                  totalHours,
                  starLevel: stars,
                  serviceSummary,
                  periodFrom: command.periodFrom ?? first.rows[0]?.serviceDate ?? null,
                  periodTo: command.periodTo ?? last.rows[0]?.serviceDate ?? null,
                  issuer,
                  issuedBy: actor.userId as UserId,
                  issuedOn,
                  createdAt
                }
                return yield* insertAudited("certificates", certificate, { action: "issue" })
              })
            )
          })
        ),
      verify: (number) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const wanted = normalizeCertificateNumber(number)
            // Only well-formed numbers reach the store; anything else simply does not exist.
            if (!/^YFZM-\d{4}-\d{6,}-[0-9A-Z]{4}$/.test(wanted))
              return yield* Effect.fail(new NotFound({ resource: "certificates", id: number }))
            const found = yield* store.list("certificates", Q.all([Q.eq("certificateNumber", wanted)], [], { offset: 0, limit: 1 }))
            const row = found.rows[0]
            if (!row) return yield* Effect.fail(new NotFound({ resource: "certificates", id: wanted }))
            return certificateVerification(row)
          })
        )
    }
  })
)
