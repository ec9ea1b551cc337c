import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import type { OrganizationId, RegionCode, VolunteerId } from "../src/domain/ids.js"
import type { Organization } from "../src/domain/organization.js"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { Certificates } from "../src/services/Certificates.js"
import { CertificatesLive } from "../src/services/CertificatesLive.js"
import { serviceHourRow, volunteerRow } from "./builders.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = () => CertificatesLive.pipe(Layer.provideMerge(testBase()))

/** 2026-03-20 10:00 in Yancheng. */
const atMarch20 = TestClock.setTime(Date.parse("2026-03-20T02:00:00Z"))

const ID = "32090219580312001X"

const bureauRow = (overrides: Partial<Organization> = {}): Organization => ({
  id: "org-tinghu-bureau" as OrganizationId,
  name: "中共盐城市亭湖区委老干部局",
  kind: "bureau",
  regionCode: "320902" as RegionCode,
  contactName: "李主任",
  contactPhone: "0515-88880000",
  address: "",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...overrides
})

/** A Tinghu volunteer with 12.5 h of rural work and 3 h of Party-story work, plus a bureau. */
const setup = Effect.gen(function* () {
  yield* atMarch20
  const store = yield* Store
  yield* Effect.orDie(store.insert("organizations", bureauRow()))
  const v = yield* Effect.orDie(store.insert("volunteers", volunteerRow({ name: "王建国", idNumber: ID, birthDate: "1958-03-12" })))
  for (const h of [
    { hours: 10, serviceDate: "2025-11-02" },
    { hours: 2.5, serviceDate: "2026-02-10" },
    { hours: 3, serviceDate: "2026-03-05", category: "party-story" as const, regionCode: "320903" as RegionCode }
  ])
    yield* Effect.orDie(store.insert("service-hours", serviceHourRow({ volunteerId: v.id, ...h })))
  return v
})

/** What a certificate issued on `setup`'s data, on March 20, freezes of the volunteer's record. */
const certifiedBySetup = {
  volunteerName: "王建国",
  maskedIdNumber: `3209${"*".repeat(10)}001X`,
  // Hours served in Yandu count too: the record follows the person.
  totalHours: 15.5,
  starLevel: 0,
  serviceSummary: "讲好党的故事 3 小时；促进乡村振兴 12.5 小时",
  periodFrom: "2025-11-02",
  periodTo: "2026-03-05",
  issuedOn: "2026-03-20"
}

describe("Certificates", () => {
  it.effect("issues a numbered certificate that freezes the four blocks, audited as issue", () =>
    Effect.gen(function* () {
      const v = yield* setup
      const certificates = yield* Certificates
      const store = yield* Store
      const c = yield* certificates.issue(v.id).pipe(as(tinghuAdmin))
      expect(c.certificateNumber).toMatch(/^YFZM-2026-000001-[2-9A-HJ-NP-Z]{4}$/)
      expect(c).toMatchObject({
        ...certifiedBySetup,
        volunteerId: v.id,
        regionCode: "320902",
        volunteerNumber: v.volunteerNumber,
        issuer: "中共盐城市亭湖区委老干部局\n李主任\n0515-88880000",
        issuedBy: "u-tinghu"
      })
      expect(JSON.stringify(c)).not.toContain(ID)
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", c.id)]))
      expect(audit.rows.map((a) => [a.action, a.resource, a.regionCode])).toEqual([["issue", "certificates", "320902"]])
      const second = yield* certificates.issue(v.id, { issuer: "盐城市委老干部局", contact: "0515-66660000" }).pipe(as(cityAdmin))
      expect(second.certificateNumber).toMatch(/^YFZM-2026-000002-/)
      // Another issuer does not borrow the county bureau's person in charge.
      expect(second.issuer).toBe("盐城市委老干部局\n\n0515-66660000")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a period limits the hours and content; the star level stays the volunteer's standing", () =>
    Effect.gen(function* () {
      const v = yield* setup
      const store = yield* Store
      yield* Effect.orDie(store.insert("service-hours", serviceHourRow({ volunteerId: v.id, hours: 100, serviceDate: "2024-06-01" })))
      const certificates = yield* Certificates
      const c = yield* certificates.issue(v.id, { periodFrom: "2026-01-01", periodTo: "2026-03-31" }).pipe(as(tinghuAdmin))
      expect(c).toMatchObject({
        totalHours: 5.5,
        starLevel: 1,
        serviceSummary: "讲好党的故事 3 小时；促进乡村振兴 2.5 小时",
        periodFrom: "2026-01-01",
        periodTo: "2026-03-31"
      })
      const reversed = yield* certificates
        .issue(v.id, { periodFrom: "2026-03-31", periodTo: "2026-01-01" })
        .pipe(as(tinghuAdmin), Effect.flip)
      expect(reversed).toMatchObject({ _tag: "ValidationError", issues: [expect.objectContaining({ key: "validation.periodOrder" })] })
      const empty = yield* certificates.issue(v.id, { periodFrom: "2023-01-01", periodTo: "2023-12-31" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(empty).toMatchObject({ _tag: "Conflict", key: "conflict.certificateNoHours" })
      expect((yield* store.list("certificates", Q.all())).total).toBe(1)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("jurisdiction: other regions cannot see or issue, viewers cannot issue, lists are scoped", () =>
    Effect.gen(function* () {
      const v = yield* setup
      const certificates = yield* Certificates
      const store = yield* Store
      expect((yield* certificates.issue(v.id).pipe(as(yanduAdmin), Effect.flip))._tag).toBe("NotFound")
      expect(yield* certificates.issue(v.id).pipe(as(viewer), Effect.flip)).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      expect((yield* store.list("certificates", Q.all())).total).toBe(0)
      const c = yield* certificates.issue(v.id).pipe(as(tinghuAdmin))
      expect((yield* certificates.list(Q.all()).pipe(as(yanduAdmin))).total).toBe(0)
      expect((yield* certificates.get(c.id).pipe(as(yanduAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* certificates.list(Q.all()).pipe(as(viewer))).rows.map((r) => r.id)).toEqual([c.id])
      expect(yield* certificates.getMany([c.id]).pipe(as(yanduAdmin))).toEqual([])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses a region without a bureau unless an issuer is given", () =>
    Effect.gen(function* () {
      yield* atMarch20
      const store = yield* Store
      const v = yield* Effect.orDie(store.insert("volunteers", volunteerRow({ regionCode: "320903" as RegionCode })))
      yield* Effect.orDie(store.insert("service-hours", serviceHourRow({ volunteerId: v.id as VolunteerId })))
      const certificates = yield* Certificates
      const refused = yield* certificates.issue(v.id).pipe(as(yanduAdmin), Effect.flip)
      expect(refused).toMatchObject({
        _tag: "ValidationError",
        issues: [expect.objectContaining({ path: "issuer", key: "validation.certificate.issuer" })]
      })
      const c = yield* certificates.issue(v.id, { issuer: "盐都区委老干部局", personInCharge: "赵科长" }).pipe(as(yanduAdmin))
      expect(c.issuer).toBe("盐都区委老干部局\n赵科长")
      expect(c.maskedIdNumber).toBeNull()
    }).pipe(Effect.provide(layer()))
  )

  it.effect("verify is public, tolerant of how the number is typed, shows only the certificate and stays frozen", () =>
    Effect.gen(function* () {
      const v = yield* setup
      const certificates = yield* Certificates
      const store = yield* Store
      const c = yield* certificates.issue(v.id).pipe(as(tinghuAdmin))
      // No CurrentActor is provided here: verification needs nobody signed in.
      const shown = yield* certificates.verify(c.certificateNumber)
      expect(shown).toEqual({
        ...certifiedBySetup,
        certificateNumber: c.certificateNumber,
        volunteerNumber: v.volunteerNumber,
        issuer: { name: "中共盐城市亭湖区委老干部局", personInCharge: "李主任", contact: "0515-88880000" }
      })
      const json = JSON.stringify(shown)
      for (const secret of [v.id, c.id, "320902", "u-tinghu", ID]) expect(json).not.toContain(secret)

      const fullWidth = c.certificateNumber.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      expect((yield* certificates.verify(` ${fullWidth} `)).certificateNumber).toBe(c.certificateNumber)

      const wrongCode = c.certificateNumber.replace(/-[^-]{4}$/, c.certificateNumber.endsWith("ZZZZ") ? "-YYYY" : "-ZZZZ")
      expect((yield* certificates.verify(wrongCode).pipe(Effect.flip))._tag).toBe("NotFound")
      expect((yield* certificates.verify("YFZM-2026-000001").pipe(Effect.flip))._tag).toBe("NotFound")
      expect((yield* certificates.verify("' OR 1=1 --").pipe(Effect.flip))._tag).toBe("NotFound")

      // What was certified stays certified: later edits do not rewrite the paper.
      yield* Effect.orDie(store.update("volunteers", v.id, { name: "王建华" }))
      yield* Effect.orDie(store.insert("service-hours", serviceHourRow({ volunteerId: v.id, hours: 200 })))
      expect(yield* certificates.verify(c.certificateNumber)).toEqual(shown)
    }).pipe(Effect.provide(layer()))
  )
})
