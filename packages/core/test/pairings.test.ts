import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import type { YinfaConfigShape } from "../src/config.js"
import type { Volunteer } from "../src/domain/volunteer.js"
import { Store } from "../src/ports/Store.js"
import { Q } from "../src/query.js"
import { PairingCheckInsLive } from "../src/services/PairingCheckInsLive.js"
import { PairingCheckIns, Pairings } from "../src/services/Pairings.js"
import { PairingsLive } from "../src/services/PairingsLive.js"
import { insertOrganization, insertVolunteer, snapshot } from "./pairingBuilders.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer, yanduAdmin } from "./support.js"

const layer = (config: Partial<YinfaConfigShape> = {}) =>
  Layer.mergeAll(PairingsLive, PairingCheckInsLive).pipe(Layer.provideMerge(testBase(config)))

/** 2026-03-10 10:00 in Yancheng. */
const startClock = TestClock.setTime(Date.parse("2026-03-10T02:00:00Z"))

const youngCadre = (mentor: Volunteer, extra: Record<string, unknown> = {}) => ({
  mentorId: mentor.id,
  menteeType: "young-cadre",
  menteeName: "张青",
  menteeUnit: "亭湖区委组织部",
  regionCode: mentor.regionCode,
  category: "new-generation",
  goals: "传帮带基层工作方法",
  ...extra
})

const pupil = (mentor: Volunteer, name = "李小明", school = "亭湖区实验小学", extra: Record<string, unknown> = {}) => ({
  mentorId: mentor.id,
  menteeType: "pupil",
  menteeName: name,
  menteeUnit: school,
  guardianContact: "13812345678",
  regionCode: mentor.regionCode,
  category: "new-generation",
  ...extra
})

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(effect)

describe("Pairings: create", () => {
  it.effect("creates a proposed pairing in the actor's region, with an audit entry", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const store = yield* Store
      const mentor = yield* insertVolunteer()
      const created = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      expect(created).toMatchObject({ status: "proposed", startedOn: null, endedOn: null, endReason: null, mentorId: mentor.id })
      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", created.id)]))
      expect(audit.rows.map((a) => [a.action, a.actorId])).toEqual([["create", "u-tinghu"]])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a pairing with a beneficiary organisation needs no mentee person; the organisation must exist", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      const company = yield* insertOrganization()
      const base = { mentorId: mentor.id, regionCode: "320902", category: "tech-innovation" }
      const created = yield* pairings.create({ ...base, beneficiaryOrganizationId: company.id }).pipe(as(tinghuAdmin))
      expect(created.beneficiaryOrganizationId).toBe(company.id)
      expect(created.menteeType).toBeNull()

      const unknown = yield* failure(pairings.create({ ...base, beneficiaryOrganizationId: "no-such-org" }).pipe(as(tinghuAdmin)))
      expect(unknown._tag === "ValidationError" && unknown.issues[0]).toMatchObject({
        path: "beneficiaryOrganizationId",
        key: "validation.unknownBeneficiary"
      })
      const yanduCompany = yield* insertOrganization({ regionCode: "320903" as never })
      const hidden = yield* failure(pairings.create({ ...base, beneficiaryOrganizationId: yanduCompany.id }).pipe(as(tinghuAdmin)))
      expect(hidden._tag === "ValidationError" && hidden.issues[0].key).toBe("validation.unknownBeneficiary")

      const both = yield* failure(pairings.create({ ...youngCadre(mentor), beneficiaryOrganizationId: company.id }).pipe(as(tinghuAdmin)))
      expect(both._tag === "ValidationError" && both.issues[0].key).toBe("validation.menteeOrOrganization")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses a pairing without a mentee, a nameless mentee, and a pupil without a guardian, writing nothing", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      const before = yield* snapshot("pairings", "audit-log")

      const none = yield* failure(
        pairings.create({ mentorId: mentor.id, regionCode: "320902", category: "new-generation" }).pipe(as(tinghuAdmin))
      )
      expect(none._tag === "ValidationError" && none.issues[0]).toMatchObject({ path: "menteeType", key: "validation.menteeRequired" })

      const nameless = yield* failure(pairings.create(youngCadre(mentor, { menteeName: "   " })).pipe(as(tinghuAdmin)))
      expect(nameless._tag === "ValidationError" && nameless.issues[0]).toMatchObject({
        path: "menteeName",
        key: "validation.menteeRequired"
      })

      const noGuardian = yield* failure(
        pairings.create(pupil(mentor, "李小明", "实验小学", { guardianContact: null })).pipe(as(tinghuAdmin))
      )
      expect(noGuardian._tag === "ValidationError" && noGuardian.issues[0]).toMatchObject({
        path: "guardianContact",
        key: "validation.guardianRequired"
      })

      const badCategory = yield* failure(pairings.create(youngCadre(mentor, { category: "sports" })).pipe(as(tinghuAdmin)))
      expect(badCategory._tag).toBe("ValidationError")

      expect(yield* snapshot("pairings", "audit-log")).toEqual(before)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("the mentor must be an active volunteer the actor can see", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const paused = yield* insertVolunteer({ status: "paused" })
      const inactive = yield* failure(pairings.create(youngCadre(paused)).pipe(as(tinghuAdmin)))
      expect(inactive).toMatchObject({ _tag: "Conflict", key: "conflict.mentorInactive", params: { status: "paused" } })

      const yanduMentor = yield* insertVolunteer({ regionCode: "320903" as never })
      const foreign = yield* failure(pairings.create({ ...youngCadre(yanduMentor), regionCode: "320902" }).pipe(as(tinghuAdmin)))
      expect(foreign._tag === "ValidationError" && foreign.issues[0]).toMatchObject({ path: "mentorId", key: "validation.unknownMentor" })

      const missing = yield* failure(pairings.create({ ...youngCadre(paused), mentorId: "nobody" }).pipe(as(cityAdmin)))
      expect(missing._tag === "ValidationError" && missing.issues[0].key).toBe("validation.unknownMentor")

      expect((yield* snapshot("pairings"))[0]).toEqual([])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("jurisdiction: other regions are Forbidden to write and invisible to read; viewers never write", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const tinghuMentor = yield* insertVolunteer()
      const yanduMentor = yield* insertVolunteer({ regionCode: "320903" as never })

      const outOfRegion = yield* failure(pairings.create(youngCadre(yanduMentor)).pipe(as(tinghuAdmin)))
      expect(outOfRegion).toMatchObject({ _tag: "Forbidden", key: "forbidden.outOfRegion" })
      const readOnly = yield* failure(pairings.create(youngCadre(tinghuMentor)).pipe(as(viewer)))
      expect(readOnly).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      const unknownRegion = yield* failure(pairings.create(youngCadre(tinghuMentor, { regionCode: "999999" })).pipe(as(cityAdmin)))
      expect(unknownRegion._tag === "ValidationError" && unknownRegion.issues[0].key).toBe("validation.unknownRegion")

      const yandu = yield* pairings.create(youngCadre(yanduMentor)).pipe(as(yanduAdmin))
      expect((yield* failure(pairings.get(yandu.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      expect((yield* failure(pairings.activate(yandu.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      expect((yield* pairings.list(Q.all()).pipe(as(tinghuAdmin))).total).toBe(0)
      expect((yield* pairings.getMany([yandu.id]).pipe(as(tinghuAdmin))).length).toBe(0)
      expect((yield* pairings.list(Q.all()).pipe(as(viewer))).total).toBe(1)

      const viewerActivate = yield* failure(pairings.activate(yandu.id).pipe(as(viewer)))
      expect(viewerActivate).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      const viewerUpdate = yield* failure(pairings.update(yandu.id, { goals: "x" }).pipe(as(viewer)))
      expect(viewerUpdate._tag).toBe("Forbidden")
      expect((yield* pairings.get(yandu.id).pipe(as(cityAdmin))).status).toBe("proposed")
    }).pipe(Effect.provide(layer()))
  )
})

describe("Pairings: a pupil's guardian's contact", () => {
  it.effect("is clear to admins, masked to read-only accounts, who may not filter or sort by it either", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      const created = yield* pairings.create(pupil(mentor)).pipe(as(tinghuAdmin))
      expect(created.guardianContact).toBe("13812345678")
      expect((yield* pairings.get(created.id).pipe(as(tinghuAdmin))).guardianContact).toBe("13812345678")
      expect((yield* pairings.list(Q.all([Q.eq("guardianContact", "13812345678")])).pipe(as(cityAdmin))).total).toBe(1)

      expect((yield* pairings.get(created.id).pipe(as(viewer))).guardianContact).toBe("138****5678")
      expect((yield* pairings.getMany([created.id]).pipe(as(viewer)))[0].guardianContact).toBe("138****5678")
      const listed = yield* pairings.list(Q.all()).pipe(as(viewer))
      expect(listed.rows.map((p) => p.guardianContact)).toEqual(["138****5678"])
      const probe = yield* failure(pairings.list(Q.all([Q.eq("guardianContact", "13812345678")])).pipe(as(viewer)))
      expect(probe).toMatchObject({ _tag: "ValidationError" })
      const sorted = yield* failure(pairings.list(Q.all([], [{ field: "guardianContact", order: "ASC" }])).pipe(as(viewer)))
      expect(sorted).toMatchObject({ _tag: "ValidationError" })
      // Stored as given: masking is for reading.
      const [stored] = yield* snapshot("pairings")
      expect(stored.map((p) => (p as { guardianContact: string | null }).guardianContact)).toEqual(["13812345678"])
    }).pipe(Effect.provide(layer()))
  )
})

describe("Pairings: lifecycle", () => {
  it.effect("proposed → active → concluded; concluding twice is a state conflict that changes nothing", () =>
    Effect.gen(function* () {
      yield* startClock
      const pairings = yield* Pairings
      const store = yield* Store
      const mentor = yield* insertVolunteer()
      const p = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* TestClock.adjust("1 hour")
      const active = yield* pairings.activate(p.id).pipe(as(tinghuAdmin))
      expect(active).toMatchObject({ status: "active", startedOn: "2026-03-10" })
      yield* TestClock.adjust("30 days")
      const concluded = yield* pairings.conclude(p.id).pipe(as(tinghuAdmin))
      expect(concluded).toMatchObject({ status: "concluded", startedOn: "2026-03-10", endedOn: "2026-04-09", endReason: null })

      const before = yield* snapshot("pairings", "audit-log")
      const twice = yield* failure(pairings.conclude(p.id).pipe(as(tinghuAdmin)))
      expect(twice).toMatchObject({ _tag: "Conflict", key: "conflict.state", params: { status: "concluded", action: "conclude" } })
      expect(yield* snapshot("pairings", "audit-log")).toEqual(before)

      const audit = yield* store.list("audit-log", Q.all([Q.eq("recordId", p.id)], [{ field: "at", order: "ASC" }]))
      expect(audit.rows.map((a) => a.action)).toEqual(["create", "activate", "conclude"])
      expect(audit.rows[1].changes.status).toEqual({ before: "proposed", after: "active" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("wrong transitions are conflicts naming the status and the action", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      const p = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      const cases = [
        [pairings.conclude(p.id), "conclude"],
        [pairings.end(p.id, { reason: "health" }), "end"]
      ] as const
      for (const [call, action] of cases) {
        expect(yield* failure(call.pipe(as(tinghuAdmin)))).toMatchObject({ _tag: "Conflict", params: { status: "proposed", action } })
      }
      yield* pairings.activate(p.id).pipe(as(tinghuAdmin))
      expect(yield* failure(pairings.activate(p.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "active", action: "activate" }
      })
      expect(yield* failure(pairings.decline(p.id, { reason: "moved" }).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "active", action: "decline" }
      })
      expect((yield* pairings.get(p.id).pipe(as(tinghuAdmin))).status).toBe("active")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("declining and ending record a reason from the list; 'other' needs a note", () =>
    Effect.gen(function* () {
      yield* startClock
      const pairings = yield* Pairings
      const store = yield* Store
      const mentor = yield* insertVolunteer()
      const proposed = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))

      const before = yield* snapshot("pairings", "audit-log")
      const noNote = yield* failure(pairings.decline(proposed.id, { reason: "other" }).pipe(as(tinghuAdmin)))
      expect(noNote._tag === "ValidationError" && noNote.issues[0]).toMatchObject({ path: "note", key: "validation.noteRequired" })
      const blankNote = yield* failure(pairings.decline(proposed.id, { reason: "other", note: "  " }).pipe(as(tinghuAdmin)))
      expect(blankNote._tag).toBe("ValidationError")
      const badReason = yield* failure(pairings.decline(proposed.id, { reason: "bored" }).pipe(as(tinghuAdmin)))
      expect(badReason._tag === "ValidationError" && badReason.issues[0].path).toBe("reason")
      expect(yield* snapshot("pairings", "audit-log")).toEqual(before)

      const declined = yield* pairings.decline(proposed.id, { reason: "other", note: "对象已调动工作" }).pipe(as(tinghuAdmin))
      expect(declined).toMatchObject({ status: "declined", endReason: "other", endNote: "对象已调动工作", endedOn: "2026-03-10" })

      const second = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* pairings.activate(second.id).pipe(as(tinghuAdmin))
      const ended = yield* pairings.end(second.id, { reason: "health" }).pipe(as(tinghuAdmin))
      expect(ended).toMatchObject({ status: "ended", endReason: "health", endNote: "", endedOn: "2026-03-10" })

      const actions = yield* store.list("audit-log", Q.all([Q.in("action", ["decline", "end"])]))
      expect(actions.rows.map((a) => a.action).sort()).toEqual(["decline", "end"])
    }).pipe(Effect.provide(layer()))
  )
})

describe("Pairings: limits on activation", () => {
  const createAndActivate = (mentor: Volunteer, extra: Record<string, unknown> = {}) =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const p = yield* pairings.create(youngCadre(mentor, extra)).pipe(as(tinghuAdmin))
      return yield* pairings.activate(p.id).pipe(as(tinghuAdmin))
    })

  it.effect("a mentor holds at most 3 active pairings by default; ending one frees a place", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      const first = yield* createAndActivate(mentor, { menteeName: "甲" })
      yield* createAndActivate(mentor, { menteeName: "乙" })
      yield* createAndActivate(mentor, { menteeName: "丙" })
      const fourth = yield* pairings.create(youngCadre(mentor, { menteeName: "丁" })).pipe(as(tinghuAdmin))

      const before = yield* snapshot("pairings", "audit-log")
      const full = yield* failure(pairings.activate(fourth.id).pipe(as(tinghuAdmin)))
      expect(full).toMatchObject({ _tag: "Conflict", key: "conflict.mentorCapacity", params: { count: 3, max: 3 } })
      expect(yield* snapshot("pairings", "audit-log")).toEqual(before)

      // Another mentor is not affected by this mentor's load.
      const other = yield* insertVolunteer({ name: "陈志远" })
      expect((yield* createAndActivate(other)).status).toBe("active")

      yield* pairings.end(first.id, { reason: "moved" }).pipe(as(tinghuAdmin))
      expect((yield* pairings.activate(fourth.id).pipe(as(tinghuAdmin))).status).toBe("active")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("the limit follows configuration", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      yield* createAndActivate(mentor)
      const second = yield* pairings.create(youngCadre(mentor, { menteeName: "乙" })).pipe(as(tinghuAdmin))
      const full = yield* failure(pairings.activate(second.id).pipe(as(tinghuAdmin)))
      expect(full).toMatchObject({ _tag: "Conflict", key: "conflict.mentorCapacity", params: { count: 1, max: 1 } })
      expect((yield* pairings.get(second.id).pipe(as(tinghuAdmin))).status).toBe("proposed")
    }).pipe(Effect.provide(layer({ maxActivePairingsPerMentor: 1 })))
  )

  it.effect("a pupil (name + school) has one active mentor, across regions", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const a = yield* insertVolunteer({ name: "导师甲" })
      const b = yield* insertVolunteer({ name: "导师乙" })
      const c = yield* insertVolunteer({ name: "导师丙", regionCode: "320903" as never })
      const first = yield* pairings.create(pupil(a)).pipe(as(tinghuAdmin))
      const second = yield* pairings.create(pupil(b, "  李小明 ", " 亭湖区实验小学")).pipe(as(tinghuAdmin))
      const third = yield* pairings.create(pupil(c)).pipe(as(yanduAdmin))
      yield* pairings.activate(first.id).pipe(as(tinghuAdmin))

      const before = yield* snapshot("pairings", "audit-log")
      const taken = yield* failure(pairings.activate(second.id).pipe(as(tinghuAdmin)))
      expect(taken).toMatchObject({ _tag: "Conflict", key: "conflict.pupilHasMentor" })
      expect((yield* failure(pairings.activate(third.id).pipe(as(yanduAdmin))))._tag).toBe("Conflict")
      expect(yield* snapshot("pairings", "audit-log")).toEqual(before)

      // The same name at another school is another child; a young cadre may have several mentors.
      const namesake = yield* pairings.create(pupil(b, "李小明", "盐城市第一小学")).pipe(as(tinghuAdmin))
      expect((yield* pairings.activate(namesake.id).pipe(as(tinghuAdmin))).status).toBe("active")
      const cadre1 = yield* pairings.create(youngCadre(a)).pipe(as(tinghuAdmin))
      const cadre2 = yield* pairings.create(youngCadre(b)).pipe(as(tinghuAdmin))
      yield* pairings.activate(cadre1.id).pipe(as(tinghuAdmin))
      expect((yield* pairings.activate(cadre2.id).pipe(as(tinghuAdmin))).status).toBe("active")

      // Once the first pairing is over, the pupil may be paired again.
      yield* pairings.conclude(first.id).pipe(as(tinghuAdmin))
      expect((yield* pairings.activate(second.id).pipe(as(tinghuAdmin))).status).toBe("active")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a mentor who is no longer active cannot start a pairing", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const store = yield* Store
      const mentor = yield* insertVolunteer()
      const p = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* Effect.orDie(store.update("volunteers", mentor.id, { status: "archived", archiveReason: "health" }))
      const refused = yield* failure(pairings.activate(p.id).pipe(as(tinghuAdmin)))
      expect(refused).toMatchObject({ _tag: "Conflict", key: "conflict.mentorInactive" })
      expect((yield* pairings.get(p.id).pipe(as(tinghuAdmin))).status).toBe("proposed")
    }).pipe(Effect.provide(layer()))
  )
})

describe("Pairings: update and remove", () => {
  it.effect("update changes goals and contact details only, and not once the pairing is over", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const mentor = yield* insertVolunteer()
      const other = yield* insertVolunteer({ name: "陈志远" })
      const p = yield* pairings.create(pupil(mentor)).pipe(as(tinghuAdmin))
      const updated = yield* pairings
        .update(p.id, { goals: "每月一次红色故事分享", guardianContact: "0515-88881234", mentorId: other.id, status: "concluded" })
        .pipe(as(tinghuAdmin))
      expect(updated).toMatchObject({
        goals: "每月一次红色故事分享",
        guardianContact: "0515-88881234",
        mentorId: mentor.id,
        status: "proposed"
      })

      const noGuardian = yield* failure(pairings.update(p.id, { guardianContact: null }).pipe(as(tinghuAdmin)))
      expect(noGuardian._tag === "ValidationError" && noGuardian.issues[0].key).toBe("validation.guardianRequired")
      const badPhone = yield* failure(pairings.update(p.id, { guardianContact: "12" }).pipe(as(tinghuAdmin)))
      expect(badPhone._tag === "ValidationError" && badPhone.issues[0].key).toBe("validation.contactPhone")

      yield* pairings.activate(p.id).pipe(as(tinghuAdmin))
      yield* pairings.conclude(p.id).pipe(as(tinghuAdmin))
      const before = yield* snapshot("pairings", "audit-log")
      const closed = yield* failure(pairings.update(p.id, { goals: "补充" }).pipe(as(tinghuAdmin)))
      expect(closed).toMatchObject({ _tag: "Conflict", params: { status: "concluded", action: "update" } })
      expect(yield* snapshot("pairings", "audit-log")).toEqual(before)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("moving an active pupil's school onto another pupil with a mentor is refused", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const a = yield* insertVolunteer()
      const b = yield* insertVolunteer({ name: "陈志远" })
      const first = yield* pairings.create(pupil(a, "李小明", "实验小学")).pipe(as(tinghuAdmin))
      const second = yield* pairings.create(pupil(b, "李小明", "第二小学")).pipe(as(tinghuAdmin))
      yield* pairings.activate(first.id).pipe(as(tinghuAdmin))
      yield* pairings.activate(second.id).pipe(as(tinghuAdmin))
      const clash = yield* failure(pairings.update(second.id, { menteeUnit: "实验小学" }).pipe(as(tinghuAdmin)))
      expect(clash).toMatchObject({ _tag: "Conflict", key: "conflict.pupilHasMentor" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("only proposed or declined pairings without check-ins can be deleted", () =>
    Effect.gen(function* () {
      const pairings = yield* Pairings
      const store = yield* Store
      const mentor = yield* insertVolunteer()
      const proposed = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* pairings.remove(proposed.id).pipe(as(tinghuAdmin))
      expect((yield* failure(pairings.get(proposed.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      const deleted = yield* store.list("audit-log", Q.all([Q.eq("recordId", proposed.id), Q.eq("action", "delete")]))
      expect(deleted.total).toBe(1)

      const declined = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* pairings.decline(declined.id, { reason: "moved" }).pipe(as(tinghuAdmin))
      expect((yield* pairings.remove(declined.id).pipe(as(tinghuAdmin))).id).toBe(declined.id)

      const active = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* pairings.activate(active.id).pipe(as(tinghuAdmin))
      expect(yield* failure(pairings.remove(active.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "active", action: "delete" }
      })

      // A check-in on a proposed pairing can only come from imported data, but it still protects the record.
      const withCheckIn = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      yield* Effect.orDie(
        store.insert("pairing-check-ins", {
          id: "ci-imported" as never,
          pairingId: withCheckIn.id,
          regionCode: withCheckIn.regionCode,
          date: "2026-01-05",
          hours: 1,
          mode: "phone",
          notes: "",
          recordedBy: "u-city" as never,
          createdAt: "2026-01-05T00:00:00.000Z"
        })
      )
      expect(yield* failure(pairings.remove(withCheckIn.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        key: "conflict.inUse"
      })
      expect((yield* pairings.get(withCheckIn.id).pipe(as(tinghuAdmin))).status).toBe("proposed")

      expect((yield* failure(pairings.remove(withCheckIn.id).pipe(as(viewer))))._tag).toBe("Forbidden")
      expect((yield* failure(pairings.remove(withCheckIn.id).pipe(as(yanduAdmin))))._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer()))
  )
})

describe("Pairing check-ins", () => {
  /** An active pairing started on 2026-03-10, with the clock then moved to 2026-03-12. */
  const activePairing = Effect.gen(function* () {
    yield* startClock
    const pairings = yield* Pairings
    const mentor = yield* insertVolunteer()
    const p = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
    const active = yield* pairings.activate(p.id).pipe(as(tinghuAdmin))
    yield* TestClock.adjust("2 days")
    return active
  })

  const ledgerOf = (volunteerId: string) =>
    Effect.flatMap(Store, (store) =>
      store.list("service-hours", Q.all([Q.eq("volunteerId", volunteerId)], [{ field: "recordedAt", order: "ASC" }]))
    )

  it.effect("a check-in counts its hours in the mentor's ledger, in the same call", () =>
    Effect.gen(function* () {
      const checkIns = yield* PairingCheckIns
      const store = yield* Store
      const pairing = yield* activePairing
      const checkIn = yield* checkIns
        .create({ pairingId: pairing.id, date: "2026-03-11", hours: 2, mode: "in-person", notes: "讨论调研报告" })
        .pipe(as(tinghuAdmin))
      expect(checkIn).toMatchObject({ regionCode: "320902", recordedBy: "u-tinghu", hours: 2, date: "2026-03-11" })

      const ledger = yield* ledgerOf(pairing.mentorId)
      expect(ledger.rows).toHaveLength(1)
      expect(ledger.rows[0]).toMatchObject({
        source: "check-in",
        pairingId: pairing.id,
        checkInId: checkIn.id,
        participationId: null,
        category: "new-generation",
        regionCode: "320902",
        serviceDate: "2026-03-11",
        hours: 2,
        recordedBy: "u-tinghu",
        late: false
      })
      const audit = yield* store.list("audit-log", Q.all([Q.in("recordId", [checkIn.id, ledger.rows[0].id])]))
      expect(audit.rows.map((a) => a.resource).sort()).toEqual(["pairing-check-ins", "service-hours"])

      // A check-in recorded more than 10 working days afterwards is kept, but flagged.
      yield* TestClock.adjust("30 days")
      yield* checkIns.create({ pairingId: pairing.id, date: "2026-03-12", hours: 1.5, mode: "phone" }).pipe(as(tinghuAdmin))
      const after = yield* ledgerOf(pairing.mentorId)
      expect(after.rows.map((r) => r.late)).toEqual([false, true])
      expect(after.rows.reduce((sum, r) => sum + r.hours, 0)).toBe(3.5)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("refuses dates outside the pairing, impossible hours and inactive pairings, writing nothing", () =>
    Effect.gen(function* () {
      const checkIns = yield* PairingCheckIns
      const pairings = yield* Pairings
      const pairing = yield* activePairing
      const ok = { pairingId: pairing.id, date: "2026-03-11", hours: 2, mode: "online" }
      const before = yield* snapshot("pairing-check-ins", "service-hours", "audit-log")

      for (const date of ["2026-03-09", "2026-03-13"]) {
        const e = yield* failure(checkIns.create({ ...ok, date }).pipe(as(tinghuAdmin)))
        expect(e._tag === "ValidationError" && e.issues[0]).toMatchObject({ path: "date", key: "validation.checkInDate" })
      }
      const zero = yield* failure(checkIns.create({ ...ok, hours: 0 }).pipe(as(tinghuAdmin)))
      expect(zero._tag === "ValidationError" && zero.issues[0]).toMatchObject({ path: "hours", key: "validation.hours.positive" })
      const tooMany = yield* failure(checkIns.create({ ...ok, hours: 24.5 }).pipe(as(tinghuAdmin)))
      expect(tooMany._tag === "ValidationError" && tooMany.issues[0]).toMatchObject({ path: "hours", key: "validation.hours.max24" })
      const badMode = yield* failure(checkIns.create({ ...ok, mode: "letter" }).pipe(as(tinghuAdmin)))
      expect(badMode._tag).toBe("ValidationError")

      expect(yield* failure(checkIns.create(ok).pipe(as(viewer)))).toMatchObject({ _tag: "Forbidden", key: "forbidden.readOnly" })
      expect((yield* failure(checkIns.create(ok).pipe(as(yanduAdmin))))._tag).toBe("NotFound")
      expect((yield* failure(checkIns.create({ ...ok, pairingId: "nope" }).pipe(as(cityAdmin))))._tag).toBe("NotFound")

      const mentor = yield* insertVolunteer({ name: "陈志远" })
      const proposed = yield* pairings.create(youngCadre(mentor)).pipe(as(tinghuAdmin))
      expect(yield* failure(checkIns.create({ ...ok, pairingId: proposed.id }).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        params: { status: "proposed", action: "checkIn" }
      })
      yield* pairings.conclude(pairing.id).pipe(as(tinghuAdmin))
      expect((yield* failure(checkIns.create(ok).pipe(as(tinghuAdmin))))._tag).toBe("Conflict")

      const [checkInRows, ledgerRows] = yield* snapshot("pairing-check-ins", "service-hours")
      expect(checkInRows).toEqual(before[0])
      expect(ledgerRows).toEqual(before[1])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("update changes notes only", () =>
    Effect.gen(function* () {
      const checkIns = yield* PairingCheckIns
      const pairing = yield* activePairing
      const checkIn = yield* checkIns.create({ pairingId: pairing.id, date: "2026-03-11", hours: 2, mode: "online" }).pipe(as(tinghuAdmin))
      const updated = yield* checkIns
        .update(checkIn.id, { notes: "补记：讨论了乡村振兴项目", hours: 10, date: "2026-03-10" })
        .pipe(as(tinghuAdmin))
      expect(updated).toMatchObject({ notes: "补记：讨论了乡村振兴项目", hours: 2, date: "2026-03-11" })
      const ledger = yield* ledgerOf(pairing.mentorId)
      expect(ledger.rows.map((r) => r.hours)).toEqual([2])
      expect((yield* failure(checkIns.update(checkIn.id, { notes: "x" }).pipe(as(viewer))))._tag).toBe("Forbidden")
      expect((yield* failure(checkIns.update(checkIn.id, { notes: "x" }).pipe(as(yanduAdmin))))._tag).toBe("NotFound")
      expect((yield* checkIns.get(checkIn.id).pipe(as(tinghuAdmin))).notes).toBe("补记：讨论了乡村振兴项目")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("removing a check-in appends a negative correction and leaves the original entry as it was", () =>
    Effect.gen(function* () {
      const checkIns = yield* PairingCheckIns
      const pairing = yield* activePairing
      const checkIn = yield* checkIns.create({ pairingId: pairing.id, date: "2026-03-11", hours: 2, mode: "online" }).pipe(as(tinghuAdmin))
      const [original] = (yield* ledgerOf(pairing.mentorId)).rows

      expect((yield* failure(checkIns.remove(checkIn.id).pipe(as(viewer))))._tag).toBe("Forbidden")
      expect((yield* failure(checkIns.remove(checkIn.id).pipe(as(yanduAdmin))))._tag).toBe("NotFound")
      expect((yield* ledgerOf(pairing.mentorId)).rows).toHaveLength(1)

      yield* TestClock.adjust("1 hour")
      yield* checkIns.remove(checkIn.id).pipe(as(cityAdmin))
      expect((yield* failure(checkIns.get(checkIn.id).pipe(as(tinghuAdmin))))._tag).toBe("NotFound")
      const ledger = yield* ledgerOf(pairing.mentorId)
      expect(ledger.rows[0]).toEqual(original)
      expect(ledger.rows[1]).toMatchObject({
        source: "correction",
        reason: "check-in removed",
        hours: -2,
        pairingId: pairing.id,
        checkInId: checkIn.id,
        serviceDate: "2026-03-11",
        recordedBy: "u-city"
      })
      expect(ledger.rows.reduce((sum, r) => sum + r.hours, 0)).toBe(0)
    }).pipe(Effect.provide(layer()))
  )
})
