import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { maskVolunteer } from "../src/services/internal/masking.js"
import { Volunteers } from "../src/services/Volunteers.js"
import { VolunteersLive } from "../src/services/VolunteersLive.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"
import { atMarch2026, residentId, volunteerInput, wrongCheck } from "./volunteerInputs.js"

const layer = () => VolunteersLive.pipe(Layer.provideMerge(testBase()))

const ID = residentId("32090219580312001") // born 1958-03-12
const OTHER_ID = residentId("32090319600701002") // born 1960-07-01

const PHONE = "13805101234"
const OTHER_PHONE = "13905105678"

const input = (overrides: Record<string, unknown> = {}) =>
  volunteerInput({ name: "王建国", birthDate: "1958-03-12", idNumber: ID, phone: PHONE }, overrides)

const counts = Effect.gen(function* () {
  const store = yield* Store
  const volunteers = yield* store.list("volunteers", Q.all())
  const audit = yield* store.list("audit-log", Q.all())
  return { volunteers: volunteers.total, audit: audit.total }
})

const auditJson = Effect.gen(function* () {
  const store = yield* Store
  return JSON.stringify((yield* store.list("audit-log", Q.all())).rows)
})

const issueOf = (error: { _tag: string }) =>
  error._tag === "ValidationError" ? (error as unknown as { issues: ReadonlyArray<{ path: string; key: string }> }).issues : []

describe("Volunteers", () => {
  it.effect("fills what a registration leaves out with the documented defaults, and keeps what it gives", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const minimal = {
        name: " 李秀英 ",
        gender: "female",
        birthDate: "1956-05-02",
        regionCode: "320902",
        consentAt: "2026-02-20T08:00:00Z"
      }
      const created = yield* volunteers.create(minimal).pipe(as(tinghuAdmin))
      const stored = yield* store.get("volunteers", created.id)
      expect(stored).toMatchObject({
        name: "李秀英",
        idNumber: null,
        phone: null,
        formerUnit: "",
        formerPosition: "",
        retirementType: "tuixiu",
        partyMember: true,
        partyBranchId: null,
        expertise: [],
        expertiseYears: {},
        interests: [],
        talentPool: false,
        fitness: null,
        monthlyHours: 8,
        channels: ["online", "offline"],
        healthDataConsentAt: null,
        joinedAt: "2026-03-01"
      })
      const given = {
        ...minimal,
        name: "周桂兰",
        retirementType: "lixiu",
        partyMember: false,
        monthlyHours: 0,
        channels: ["online"],
        joinedAt: "2025-06-01"
      }
      const second = yield* store.get("volunteers", (yield* volunteers.create(given).pipe(as(tinghuAdmin))).id)
      expect(second).toMatchObject({
        retirementType: "lixiu",
        partyMember: false,
        monthlyHours: 0,
        channels: ["online"],
        joinedAt: "2025-06-01"
      })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("registers with a system-issued volunteer number and answers with masked sensitive fields", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const created = yield* volunteers.create(input()).pipe(as(tinghuAdmin))
      expect(created.volunteerNumber).toBe("YC2026000001")
      expect(created.status).toBe("active")
      expect(created.joinedAt).toBe("2026-03-01")
      expect(created.idNumber).toBe(`3209${"*".repeat(10)}${ID.slice(14)}`)
      expect(created.phone).toBe("138****1234")
      expect(created.birthDate).toBe("1958-**-**")
      const stored = yield* store.get("volunteers", created.id)
      expect(stored.idNumber).toBe(ID)
      expect(stored.phone).toBe(PHONE)
      const second = yield* volunteers
        .create(input({ idNumber: OTHER_ID, birthDate: "1960-07-01", phone: OTHER_PHONE, regionCode: "320903", joinedAt: "2025-12-01" }))
        .pipe(as(cityAdmin))
      expect(second.volunteerNumber).toBe("YC2025000002")
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", created.id)]))
      expect(audit.rows.map((a) => [a.action, a.actorId, a.regionCode])).toEqual([["create", "u-tinghu", "320902"]])
      const listed = yield* volunteers.list(Q.all()).pipe(as(cityAdmin))
      expect(listed.rows.every((v) => v.idNumber?.includes("*") && v.phone?.includes("*") && v.birthDate.endsWith("-**-**"))).toBe(true)
      const many = yield* volunteers.getMany([created.id, second.id]).pipe(as(tinghuAdmin))
      expect(many.map((v) => v.id)).toEqual([created.id])
      expect(many[0].phone).toBe("138****1234")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses bad ID numbers, mismatching birth dates and missing or future consent, writing nothing", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const refuse = (overrides: Record<string, unknown>) => volunteers.create(input(overrides)).pipe(as(cityAdmin), Effect.flip)

      const checkDigit = yield* refuse({ idNumber: wrongCheck(ID) })
      expect(issueOf(checkDigit)).toContainEqual(expect.objectContaining({ path: "idNumber", key: "validation.idNumber.checkDigit" }))

      const mismatch = yield* refuse({ birthDate: "1958-03-13" })
      expect(issueOf(mismatch)).toEqual([expect.objectContaining({ path: "idNumber", key: "validation.idNumber.birthDateMismatch" })])

      const noConsent = yield* volunteers.create({ ...input(), consentAt: undefined }).pipe(as(cityAdmin), Effect.flip)
      expect(issueOf(noConsent)).toContainEqual(expect.objectContaining({ path: "consentAt" }))

      const futureConsent = yield* refuse({ consentAt: "2026-03-02T00:00:00Z" })
      expect(issueOf(futureConsent)).toEqual([expect.objectContaining({ path: "consentAt", key: "validation.consentInFuture" })])

      const fitness = yield* refuse({ fitness: "limited" })
      expect(issueOf(fitness)).toEqual([expect.objectContaining({ path: "fitness", key: "validation.fitnessNeedsConsent" })])

      const stray = yield* refuse({ expertiseYears: { "agri-tech": 30, "law-mediation": 5 } })
      expect(issueOf(stray)[0]).toMatchObject({ key: "validation.expertiseYearsField" })

      const channels = yield* refuse({ channels: [] })
      expect(issueOf(channels)).toEqual([expect.objectContaining({ path: "channels", key: "validation.channels" })])

      const region = yield* refuse({ regionCode: "999999" })
      expect(issueOf(region)).toEqual([expect.objectContaining({ path: "regionCode", key: "validation.unknownRegion" })])

      const branch = yield* refuse({ partyBranchId: "no-such-branch" })
      expect(issueOf(branch)).toEqual([expect.objectContaining({ path: "partyBranchId", key: "validation.partyBranchUnknown" })])

      const phone = yield* refuse({ phone: "12345" })
      expect(issueOf(phone)).toContainEqual(expect.objectContaining({ path: "phone", key: "validation.phone" }))

      expect(yield* counts).toEqual({ volunteers: 0, audit: 0 })

      const ok = yield* volunteers.create(input({ fitness: "limited", healthDataConsentAt: "2026-02-20T08:00:00Z" })).pipe(as(cityAdmin))
      expect(ok.fitness).toBe("***")
      // Refusals draw no volunteer numbers.
      expect(ok.volunteerNumber).toBe("YC2026000001")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a duplicate ID number or phone is a Conflict naming the field, and writes nothing", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const first = yield* volunteers.create(input()).pipe(as(cityAdmin))
      const before = yield* counts

      const phone = yield* volunteers.create(input({ idNumber: OTHER_ID, birthDate: "1960-07-01" })).pipe(as(cityAdmin), Effect.flip)
      expect(phone).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "phone", params: { field: "phone" } })
      const id = yield* volunteers.create(input({ phone: OTHER_PHONE })).pipe(as(cityAdmin), Effect.flip)
      expect(id).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "idNumber" })
      expect(yield* counts).toEqual(before)

      const second = yield* volunteers.create(input({ idNumber: null, phone: OTHER_PHONE })).pipe(as(cityAdmin))
      expect(second.volunteerNumber).toBe("YC2026000002")
      const onUpdate = yield* volunteers.update(second.id, { phone: PHONE }).pipe(as(cityAdmin), Effect.flip)
      expect(onUpdate).toMatchObject({ _tag: "Conflict", field: "phone" })
      const store = yield* Store
      expect((yield* store.get("volunteers", second.id)).phone).toBe(OTHER_PHONE)
      expect((yield* store.get("volunteers", first.id)).phone).toBe(PHONE)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("region admins work only in their region; viewers never write", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const outside = yield* volunteers.create(input({ regionCode: "320903" })).pipe(as(tinghuAdmin), Effect.flip)
      expect(outside).toMatchObject({ _tag: "Forbidden", key: "forbidden.outOfRegion" })
      const byViewer = yield* volunteers.create(input()).pipe(as(viewer), Effect.flip)
      expect(byViewer).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      expect(yield* counts).toEqual({ volunteers: 0, audit: 0 })

      const yandu = yield* volunteers.create(input({ regionCode: "320903" })).pipe(as(yanduAdmin))
      const tinghu = yield* volunteers
        .create(input({ idNumber: OTHER_ID, birthDate: "1960-07-01", phone: OTHER_PHONE }))
        .pipe(as(tinghuAdmin))
      const before = yield* counts

      expect((yield* volunteers.get(yandu.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* volunteers.reveal(yandu.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* volunteers.update(yandu.id, { name: "改名" }).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("NotFound")
      expect((yield* volunteers.list(Q.all()).pipe(as(tinghuAdmin))).rows.map((v) => v.id)).toEqual([tinghu.id])

      const move = yield* volunteers.update(tinghu.id, { regionCode: "320903" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(move).toMatchObject({ _tag: "Forbidden", key: "forbidden.outOfRegion" })
      expect((yield* volunteers.update(tinghu.id, { name: "改名" }).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* volunteers.pause(tinghu.id).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      expect((yield* volunteers.remove(tinghu.id).pipe(as(viewer), Effect.flip))._tag).toBe("Forbidden")
      expect(yield* store.get("volunteers", tinghu.id)).toMatchObject({ regionCode: "320902", name: "王建国", status: "active" })
      expect(yield* counts).toEqual(before)

      // The city admin moves volunteers between regions.
      const moved = yield* volunteers.update(tinghu.id, { regionCode: "320903" }).pipe(as(cityAdmin))
      expect(moved.regionCode).toBe("320903")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("reveal gives the clear record to the region's and the city's admins and logs the read without the values", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const v = yield* volunteers.create(input({ fitness: "good", healthDataConsentAt: "2026-02-20T08:00:00Z" })).pipe(as(tinghuAdmin))
      const clear = yield* volunteers.reveal(v.id).pipe(as(tinghuAdmin))
      expect(clear).toMatchObject({ idNumber: ID, phone: PHONE, birthDate: "1958-03-12", fitness: "good" })
      yield* TestClock.adjust("1 minute")
      expect((yield* volunteers.reveal(v.id).pipe(as(cityAdmin))).idNumber).toBe(ID)

      const before = yield* counts
      const denied = yield* volunteers.reveal(v.id).pipe(as(viewer), Effect.flip)
      expect(denied).toMatchObject({ _tag: "Forbidden", key: "forbidden.revealSensitive" })
      expect(yield* counts).toEqual(before)

      const reads = yield* store.list("audit-log", Q.all([Q.eq("action", "read-sensitive")], [{ field: "at", order: "ASC" }]))
      expect(reads.rows.map((a) => [a.actorId, a.recordId, a.regionCode])).toEqual([
        ["u-tinghu", v.id, "320902"],
        ["u-city", v.id, "320902"]
      ])
      const json = yield* auditJson
      expect(json).not.toContain(ID)
      expect(json).not.toContain(PHONE)
      expect(json).not.toContain("1958-03-12")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("revealMany answers a page in clear, in the order asked, within scope, with one audit entry per record", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const a = yield* volunteers.create(input()).pipe(as(tinghuAdmin))
      const b = yield* volunteers.create(input({ idNumber: OTHER_ID, birthDate: "1960-07-01", phone: OTHER_PHONE })).pipe(as(tinghuAdmin))
      const yandu = yield* volunteers
        .create(input({ regionCode: "320903", idNumber: residentId("32090319550101003"), birthDate: "1955-01-01", phone: "13705101111" }))
        .pipe(as(yanduAdmin))

      const before = yield* counts
      const page = yield* volunteers.revealMany([b.id, yandu.id, "missing", a.id]).pipe(as(tinghuAdmin))
      // Out of scope and missing ids are left out, as getMany does; the rest in the order asked, in clear.
      expect(page.map((v) => [v.id, v.idNumber, v.phone])).toEqual([
        [b.id, OTHER_ID, OTHER_PHONE],
        [a.id, ID, PHONE]
      ])
      const reads = yield* store.list("audit-log", Q.all([Q.eq("action", "read-sensitive")]))
      expect(reads.rows.map((r) => [r.actorId, r.recordId, r.note]).sort()).toEqual(
        [
          ["u-tinghu", a.id, "idNumber, phone, birthDate"],
          ["u-tinghu", b.id, "idNumber, phone, birthDate"]
        ].sort()
      )
      expect((yield* counts).audit - before.audit).toBe(2)
      expect(yield* auditJson).not.toContain(OTHER_PHONE)

      // The city admin sees every region; a viewer sees nothing in clear, and nothing is logged.
      expect((yield* volunteers.revealMany([yandu.id, a.id]).pipe(as(cityAdmin))).map((v) => v.id)).toEqual([yandu.id, a.id])
      const afterCity = yield* counts
      expect(yield* volunteers.revealMany([a.id]).pipe(as(viewer), Effect.flip)).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.revealSensitive"
      })
      expect(yield* volunteers.revealMany([]).pipe(as(tinghuAdmin))).toEqual([])
      expect(yield* counts).toEqual(afterCity)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("findByIdentifier finds many volunteers by ID number or phone at once, within scope, masked, with the value matched", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const a = yield* volunteers.create(input()).pipe(as(tinghuAdmin))
      const b = yield* volunteers.create(input({ idNumber: OTHER_ID, birthDate: "1960-07-01", phone: OTHER_PHONE })).pipe(as(tinghuAdmin))
      const yanduId = residentId("32090319550101003")
      const yandu = yield* volunteers
        .create(input({ regionCode: "320903", idNumber: yanduId, birthDate: "1955-01-01", phone: "13705101111" }))
        .pipe(as(yanduAdmin))

      // More values than one query takes (500), most of them nobody's.
      const unknown = Array.from({ length: 600 }, (_, i) => `1390000${String(i).padStart(4, "0")}`)
      const byPhone = yield* volunteers
        .findByIdentifier("phone", [...unknown, OTHER_PHONE, PHONE, "13705101111", PHONE])
        .pipe(as(tinghuAdmin))
      expect(byPhone.map((m) => [m.value, m.volunteer.id]).sort()).toEqual(
        [
          [OTHER_PHONE, b.id],
          [PHONE, a.id]
        ].sort()
      )
      // The records are masked as list answers them; the value is the one asked for.
      for (const m of byPhone) expect(m.volunteer.phone).toMatch(/\*{4}/)
      const byId = yield* volunteers.findByIdentifier("idNumber", [yanduId, ID]).pipe(as(cityAdmin))
      expect(byId.map((m) => m.value).sort()).toEqual([ID, yanduId].sort())
      expect(yield* volunteers.findByIdentifier("idNumber", []).pipe(as(tinghuAdmin))).toEqual([])
      expect(yield* volunteers.findByIdentifier("phone", [PHONE]).pipe(as(viewer), Effect.flip)).toMatchObject({
        _tag: "ValidationError"
      })
      // Volunteer numbers are not sensitive: anyone may look them up, within their scope.
      const byNumber = yield* volunteers.findByIdentifier("volunteerNumber", [b.volunteerNumber, yandu.volunteerNumber]).pipe(as(viewer))
      expect(byNumber.map((m) => [m.value, m.volunteer.id]).sort()).toEqual(
        [
          [b.volunteerNumber, b.id],
          [yandu.volunteerNumber, yandu.id]
        ].sort()
      )
      const tinghuOnly = yield* volunteers
        .findByIdentifier("volunteerNumber", [b.volunteerNumber, yandu.volunteerNumber])
        .pipe(as(tinghuAdmin))
      expect(tinghuOnly.map((m) => m.volunteer.id)).toEqual([b.id])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("update ignores masked values sent back, re-checks the rules on the merged record and keeps the audit masked", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const v = yield* volunteers.create(input({ fitness: "good", healthDataConsentAt: "2026-02-20T08:00:00Z" })).pipe(as(tinghuAdmin))

      // A form submits everything it was shown, masked fields included.
      const shown = yield* volunteers.get(v.id).pipe(as(tinghuAdmin))
      const saved = yield* volunteers.update(v.id, { ...shown, name: "王建华" }).pipe(as(tinghuAdmin))
      expect(saved.name).toBe("王建华")
      expect(yield* store.get("volunteers", v.id)).toMatchObject({ idNumber: ID, phone: PHONE, birthDate: "1958-03-12", fitness: "good" })

      const before = yield* counts
      const mismatch = yield* volunteers.update(v.id, { idNumber: OTHER_ID }).pipe(as(tinghuAdmin), Effect.flip)
      expect(issueOf(mismatch)).toEqual([expect.objectContaining({ path: "idNumber", key: "validation.idNumber.birthDateMismatch" })])
      const withdrawn = yield* volunteers.update(v.id, { healthDataConsentAt: null }).pipe(as(tinghuAdmin), Effect.flip)
      expect(issueOf(withdrawn)).toEqual([expect.objectContaining({ path: "fitness", key: "validation.fitnessNeedsConsent" })])
      const badCheck = yield* volunteers.update(v.id, { idNumber: wrongCheck(ID) }).pipe(as(tinghuAdmin), Effect.flip)
      expect(issueOf(badCheck)[0]).toMatchObject({ path: "idNumber", key: "validation.idNumber.checkDigit" })
      const stray = yield* volunteers.update(v.id, { expertise: [] }).pipe(as(tinghuAdmin), Effect.flip)
      expect(issueOf(stray)[0]).toMatchObject({ key: "validation.expertiseYearsField" })
      expect(yield* counts).toEqual(before)

      // Withdrawing health consent together with the health data is fine.
      const cleared = yield* volunteers.update(v.id, { healthDataConsentAt: null, fitness: null }).pipe(as(tinghuAdmin))
      expect(cleared.fitness).toBeNull()
      const changed = yield* volunteers
        .update(v.id, { idNumber: OTHER_ID, birthDate: "1960-07-01", phone: OTHER_PHONE })
        .pipe(as(tinghuAdmin))
      expect(changed.volunteerNumber).toBe(v.volunteerNumber)

      const json = yield* auditJson
      for (const secret of [ID, OTHER_ID, PHONE, OTHER_PHONE, "1958-03-12", "1960-07-01", '"good"']) expect(json).not.toContain(secret)
      const updates = yield* store.list("audit-log", Q.all([Q.eq("recordId", v.id), Q.eq("action", "update")]))
      const last = updates.rows.find((a) => "idNumber" in a.changes)
      expect(last?.changes.idNumber).toEqual({ before: maskVolunteer({ ...changed, idNumber: ID }).idNumber, after: changed.idNumber })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("archive, pause and reactivate are audited state changes; archived volunteers cannot be edited", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const v = yield* volunteers.create(input()).pipe(as(tinghuAdmin))
      // Audit entries are ordered by time; give each step its own minute.
      yield* TestClock.adjust("1 minute")
      const paused = yield* volunteers.pause(v.id).pipe(as(tinghuAdmin))
      expect(paused.status).toBe("paused")
      expect(yield* volunteers.pause(v.id).pipe(as(tinghuAdmin), Effect.flip)).toMatchObject({ _tag: "Conflict", key: "conflict.state" })

      const badReason = yield* volunteers.archive(v.id, { reason: "lazy" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(issueOf(badReason)[0]).toMatchObject({ path: "reason" })
      yield* TestClock.adjust("1 minute")
      const archived = yield* volunteers.archive(v.id, { reason: "moved", note: "随子女迁居南京" }).pipe(as(tinghuAdmin))
      expect(archived).toMatchObject({ status: "archived", archiveReason: "moved", archiveNote: "随子女迁居南京" })
      expect((yield* volunteers.archive(v.id, { reason: "moved" }).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("Conflict")

      const before = yield* counts
      const edit = yield* volunteers.update(v.id, { name: "改名" }).pipe(as(tinghuAdmin), Effect.flip)
      expect(edit).toMatchObject({ _tag: "Conflict", key: "conflict.volunteerArchived" })
      expect(yield* counts).toEqual(before)

      yield* TestClock.adjust("1 minute")
      const back = yield* volunteers.reactivate(v.id).pipe(as(tinghuAdmin))
      expect(back).toMatchObject({ status: "active", archiveReason: null, archiveNote: "" })
      expect((yield* volunteers.reactivate(v.id).pipe(as(tinghuAdmin), Effect.flip))._tag).toBe("Conflict")

      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", v.id)], [{ field: "at", order: "ASC" }]))
      expect(audit.rows.map((a) => a.action)).toEqual(["create", "pause", "archive", "reactivate"])
      expect(audit.rows[2].note).toBe("随子女迁居南京")
      expect(audit.rows[2].changes.status).toEqual({ before: "paused", after: "archived" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("remove refuses a volunteer with a service record and deletes one without", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const busy = yield* volunteers.create(input()).pipe(as(tinghuAdmin))
      const idle = yield* volunteers
        .create(input({ idNumber: OTHER_ID, birthDate: "1960-07-01", phone: OTHER_PHONE }))
        .pipe(as(tinghuAdmin))
      yield* Effect.orDie(store.insert("service-hours", { id: "h1", volunteerId: busy.id, regionCode: "320902" } as never))

      const before = yield* counts
      const refused = yield* volunteers.remove(busy.id).pipe(as(tinghuAdmin), Effect.flip)
      expect(refused).toMatchObject({ _tag: "Conflict", key: "conflict.inUse" })
      expect(yield* counts).toEqual(before)

      const removed = yield* volunteers.remove(idle.id).pipe(as(tinghuAdmin))
      expect(removed.phone).toBe("139****5678")
      expect((yield* store.getMany("volunteers", [idle.id])).length).toBe(0)
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", idle.id), Q.eq("action", "delete")]))
      expect(audit.total).toBe(1)
      const json = yield* auditJson
      expect(json).not.toContain(OTHER_ID)
      expect(json).not.toContain(OTHER_PHONE)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("viewers cannot filter or sort on sensitive fields; admins can", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      yield* volunteers.create(input()).pipe(as(cityAdmin))
      const probe = yield* volunteers.list(Q.all([Q.eq("idNumber", ID)])).pipe(as(viewer), Effect.flip)
      expect(issueOf(probe)[0]).toMatchObject({ path: "idNumber", key: "validation.query.field" })
      const nested = yield* volunteers.list(Q.all([Q.or([Q.contains("phone", "1380")])])).pipe(as(viewer), Effect.flip)
      expect(nested._tag).toBe("ValidationError")
      const sorted = yield* volunteers.list(Q.all([], [{ field: "birthDate", order: "ASC" }])).pipe(as(viewer), Effect.flip)
      expect(sorted._tag).toBe("ValidationError")
      expect((yield* volunteers.list(Q.all([Q.search("王建国")])).pipe(as(viewer))).total).toBe(1)
      expect((yield* volunteers.list(Q.all([Q.eq("idNumber", ID)])).pipe(as(tinghuAdmin))).total).toBe(1)
    }).pipe(Effect.provide(layer()))
  )
})
