import { describe, expect, it } from "@effect/vitest"
import { type ParticipationId, Participations, Q, Store, type StoreService, type Volunteer } from "@yinfa/core"
import { Effect } from "effect"
import { importAttendance } from "../../src/importExport/importAttendance.js"
import { importVolunteers } from "../../src/importExport/importVolunteers.js"
import { activity, as, atMarch20, cityAdmin, HEADER, person, testLayer, tinghuAdmin, xlsx } from "./support.js"

const ATTENDANCE = ["志愿者编号", "身份证号码", "手机号码", "活动", "服务时长", "备注"]

/** Four Tinghu volunteers and one Yandu volunteer (sorted by name), the activity act-1, nobody signed up. */
const setup = (activityOverrides: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    yield* atMarch20
    const store = yield* Store
    const roster = yield* Effect.promise(() =>
      xlsx([HEADER, person(1), person(2), person(3), person(4), person(5, { 所属辖区: "盐都区" })])
    )
    expect((yield* importVolunteers({ bytes: roster }).pipe(as(cityAdmin))).written).toBe(5)
    yield* Effect.orDie(store.insert("activities", activity("act-1", activityOverrides)))
    return (yield* store.list("volunteers", Q.all([], [{ field: "name", order: "ASC" }]))).rows
  })

const sheet = (...rows: ReadonlyArray<ReadonlyArray<unknown>>) => Effect.promise(() => xlsx([ATTENDANCE, ...rows]))

/** Every participation of the volunteer in the activity, as stored: withdrawn ones (history) first. */
const participationsOf = (volunteer: Volunteer, activityId = "act-1") =>
  Effect.flatMap(Store, (store) =>
    Effect.map(store.list("participations", Q.all([Q.eq("activityId", activityId), Q.eq("volunteerId", volunteer.id)])), (r) =>
      [...r.rows].sort((a, b) => Number(b.status === "withdrawn") - Number(a.status === "withdrawn"))
    )
  )

/** The volunteer's hour ledger entries. */
const ledgerOf = (volunteer: Volunteer) =>
  Effect.flatMap(Store, (store) =>
    Effect.map(store.list("service-hours", Q.all([Q.eq("volunteerId", volunteer.id)])), (r) => r.rows.map((h) => [h.source, h.hours]))
  )

describe("attendance import: the volunteer's existing participation", () => {
  it.effect("a volunteer who withdrew and attended after all is signed up again and attended, with hours", () =>
    Effect.gen(function* () {
      const [v1] = yield* setup()
      const participations = yield* Participations
      const signUp = yield* participations.create({ activityId: "act-1", volunteerId: v1.id }).pipe(as(tinghuAdmin))
      yield* participations.withdraw(signUp.id).pipe(as(tinghuAdmin))

      const report = yield* importAttendance({ bytes: yield* sheet([v1.volunteerNumber, "", "", "act-1", 2, "临时赶来"]) }).pipe(
        as(tinghuAdmin)
      )
      expect(report.issues).toEqual([])
      expect(report).toMatchObject({ written: 1, committed: true })
      // The withdrawal stays as history; the attendance is a new sign-up, the only live one.
      const rows = yield* participationsOf(v1)
      expect(rows.map((p) => [p.id === signUp.id, p.status, p.hours])).toEqual([
        [true, "withdrawn", null],
        [false, "attended", 2]
      ])
      expect(rows[1].feedback).toBe("临时赶来")
      expect(yield* ledgerOf(v1)).toEqual([["attendance", 2]])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a volunteer who withdrew and signed up again is attended on the new sign-up, whichever record the store lists first", () =>
    Effect.gen(function* () {
      const [v1] = yield* setup()
      const store = yield* Store
      const participations = yield* Participations
      const open = yield* participations.create({ activityId: "act-1", volunteerId: v1.id }).pipe(as(tinghuAdmin))
      // An earlier, withdrawn sign-up whose id sorts first: a look-up of "any one record" finds it.
      yield* Effect.orDie(
        store.insert("participations", {
          ...open,
          id: "00000000-0000-4000-8000-000000000000" as ParticipationId,
          status: "withdrawn",
          withdrawnAt: "2026-03-05T00:00:00.000Z",
          createdAt: "2026-03-02T00:00:00.000Z"
        })
      )

      const report = yield* importAttendance({ bytes: yield* sheet([v1.volunteerNumber, "", "", "act-1", 2.5, ""]) }).pipe(as(tinghuAdmin))
      expect(report.issues).toEqual([])
      expect(report.written).toBe(1)
      const rows = yield* participationsOf(v1)
      expect(rows.map((p) => [p.id, p.status, p.hours])).toEqual([
        ["00000000-0000-4000-8000-000000000000", "withdrawn", null],
        [open.id, "attended", 2.5]
      ])
      expect(yield* ledgerOf(v1)).toEqual([["attendance", 2.5]])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("an absent volunteer's row is reported in Chinese and nothing is written: the service keeps an absence final", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup()
      const participations = yield* Participations
      const absent = yield* participations.create({ activityId: "act-1", volunteerId: v1.id }).pipe(as(tinghuAdmin))
      yield* participations.markAbsent(absent.id).pipe(as(tinghuAdmin))
      const bytes = yield* sheet([v1.volunteerNumber, "", "", "act-1", 2, ""], [v2.volunteerNumber, "", "", "act-1", 3, ""])

      const report = yield* importAttendance({ bytes }, { mode: "valid-only" }).pipe(as(tinghuAdmin))
      expect(report.issues).toHaveLength(1)
      expect(report.issues[0]).toMatchObject({ row: 2, key: "import.attendanceAbsent" })
      // The clerk reads why in Chinese, not the service's status codes.
      expect(report.issues[0].message).toBe("该志愿者在此活动中已登记为缺席，缺席不能改为出勤，本行未导入")
      expect(report.written).toBe(1)
      // Not signed up again, no hours: the absence is what is stored.
      expect((yield* participationsOf(v1)).map((p) => [p.id, p.status, p.hours])).toEqual([[absent.id, "absent", null]])
      expect(yield* ledgerOf(v1)).toEqual([])
      expect((yield* participationsOf(v2)).map((p) => [p.status, p.hours])).toEqual([["attended", 3]])

      const en = yield* importAttendance({ bytes }, { locale: "en" }).pipe(as(tinghuAdmin))
      expect(en.issues.map((i) => [i.row, i.message])).toEqual([
        [2, "the volunteer is recorded as absent from this activity; an absence cannot become attendance, so this row was not imported"],
        [3, 'The record is "Attended": "Record attendance" is not possible']
      ])
      expect(en.committed).toBe(false)
      const zh = yield* importAttendance({ bytes }).pipe(as(tinghuAdmin))
      expect(zh.issues.find((i) => i.row === 3)?.message).toBe("当前状态为“已参加”，不能执行“登记出勤”")
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("an already signed-up or confirmed volunteer is attended on that same participation, with no second record", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup()
      const store = yield* Store
      const participations = yield* Participations
      const signedUp = yield* participations.create({ activityId: "act-1", volunteerId: v1.id }).pipe(as(tinghuAdmin))
      const confirmed = yield* participations.create({ activityId: "act-1", volunteerId: v2.id }).pipe(as(tinghuAdmin))
      yield* participations.confirm(confirmed.id).pipe(as(tinghuAdmin))

      const report = yield* importAttendance({
        bytes: yield* sheet([v1.volunteerNumber, "", "", "便仓镇农技指导", 1.5, "讲解细致"], ["", "", v2.phone, "act-1", 3, ""])
      }).pipe(as(tinghuAdmin))
      expect(report.issues).toEqual([])
      expect(report).toMatchObject({ written: 2, committed: true })
      expect((yield* participationsOf(v1)).map((p) => [p.id, p.status, p.hours, p.feedback])).toEqual([
        [signedUp.id, "attended", 1.5, "讲解细致"]
      ])
      expect((yield* participationsOf(v2)).map((p) => [p.id, p.status, p.hours])).toEqual([[confirmed.id, "attended", 3]])
      expect((yield* store.list("participations", Q.all())).total).toBe(2)
      expect(yield* ledgerOf(v1)).toEqual([["attendance", 1.5]])
      expect(yield* ledgerOf(v2)).toEqual([["attendance", 3]])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect(
    "the same volunteer and activity twice in one file: the second row is a duplicate, however identified and in whichever batch",
    () =>
      Effect.gen(function* () {
        const [v1] = yield* setup()
        const store = yield* Store
        const bytes = yield* sheet(
          [v1.volunteerNumber, "", "", "act-1", 2, ""],
          ["", "", v1.phone, "便仓镇农技指导", 1, "重复"],
          [v1.volunteerNumber.toLowerCase(), "", "", "act-1", 1, "重复"]
        )
        for (const batchSize of [500, 1]) {
          const report = yield* importAttendance({ bytes }, { batchSize }).pipe(as(tinghuAdmin))
          expect(report.issues.map((i) => [i.row, i.column, i.key, i.params])).toEqual([
            [3, "活动", "import.duplicateInFile", { row: 2, field: "activityId" }],
            [4, "活动", "import.duplicateInFile", { row: 2, field: "activityId" }]
          ])
          expect(report.committed).toBe(false)
        }
        const written = yield* importAttendance({ bytes }, { mode: "valid-only" }).pipe(as(tinghuAdmin))
        expect(written).toMatchObject({ written: 1, committed: true })
        expect((yield* participationsOf(v1)).map((p) => [p.status, p.hours])).toEqual([["attended", 2]])
        expect((yield* store.list("service-hours", Q.all())).rows.map((h) => h.hours)).toEqual([2])
      }).pipe(Effect.provide(testLayer()))
  )
})

describe("attendance import: a refused row leaves nothing behind", () => {
  it.effect("a withdrawn volunteer whose place was taken is reported, and is not left on the wait list", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup({ volunteersNeeded: 1 })
      const participations = yield* Participations
      const first = yield* participations.create({ activityId: "act-1", volunteerId: v1.id }).pipe(as(tinghuAdmin))
      yield* participations.withdraw(first.id).pipe(as(tinghuAdmin))
      yield* participations.create({ activityId: "act-1", volunteerId: v2.id }).pipe(as(tinghuAdmin))

      const report = yield* importAttendance(
        { bytes: yield* sheet([v1.volunteerNumber, "", "", "act-1", 2, ""]) },
        { mode: "valid-only" }
      ).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.key, i.params, i.message])).toEqual([
        [
          2,
          "import.activityFull",
          // The service's refusal, in codes, under the import's own sentence.
          { status: "waitlisted", action: "attend", resource: "participations" },
          "活动名额已满，该志愿者只能候补，不能登记出勤，本行未导入"
        ]
      ])
      expect(report.written).toBe(0)
      expect((yield* participationsOf(v1)).map((p) => p.status)).toEqual(["withdrawn"])
      expect(yield* ledgerOf(v1)).toEqual([])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a row whose hours the service refuses does not leave a new sign-up behind", () =>
    Effect.gen(function* () {
      const [v1, v2, v3] = yield* setup()
      const bytes = yield* sheet(
        [v1.volunteerNumber, "", "", "act-1", 4, ""],
        [v2.volunteerNumber, "", "", "act-1", 3, ""],
        [v3.volunteerNumber, "", "", "act-1", 0, ""]
      )
      const report = yield* importAttendance({ bytes }, { mode: "valid-only" }).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.column, i.key])).toEqual([
        [2, "服务时长", "validation.hours.exceedsDuration"],
        [4, "服务时长", "validation.hours.positive"]
      ])
      expect(report.issues[0].params).toEqual({ max: 3 })
      expect(report.written).toBe(1)
      expect(yield* participationsOf(v1)).toEqual([])
      expect(yield* participationsOf(v3)).toEqual([])
      expect((yield* participationsOf(v2)).map((p) => [p.status, p.hours])).toEqual([["attended", 3]])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("an activity that has not started takes the sign-up but not the attendance: the sign-up is undone with the row", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup({ startsAt: "2026-03-21T09:00", endsAt: "2026-03-21T12:00" })
      const participations = yield* Participations
      // A sign-up made before the import is the volunteer's own, and stays.
      const before = yield* participations.create({ activityId: "act-1", volunteerId: v2.id }).pipe(as(tinghuAdmin))
      const report = yield* importAttendance(
        { bytes: yield* sheet([v1.volunteerNumber, "", "", "act-1", 2, ""], [v2.volunteerNumber, "", "", "act-1", 2, ""]) },
        { mode: "valid-only" }
      ).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.key, i.message])).toEqual([
        [2, "conflict.activityNotStarted", "活动尚未开始，不能登记出勤"],
        [3, "conflict.activityNotStarted", "活动尚未开始，不能登记出勤"]
      ])
      expect(report.written).toBe(0)
      expect(yield* participationsOf(v1)).toEqual([])
      expect((yield* participationsOf(v2)).map((p) => [p.id, p.status, p.hours])).toEqual([[before.id, "signed-up", null]])
      expect(yield* ledgerOf(v1)).toEqual([])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("an activity that has ended takes no new sign-up: the row says so", () =>
    Effect.gen(function* () {
      const [v1] = yield* setup({ startsAt: "2026-03-19T09:00", endsAt: "2026-03-19T12:00" })
      const report = yield* importAttendance(
        { bytes: yield* sheet([v1.volunteerNumber, "", "", "act-1", 2, ""]) },
        { mode: "valid-only" }
      ).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.key, i.message])).toEqual([[2, "conflict.activityNotOpen", "活动未发布或已结束，不能报名"]])
      expect(yield* participationsOf(v1)).toEqual([])
    }).pipe(Effect.provide(testLayer()))
  )
})

/** The store, counting the volunteer look-ups the import makes. */
const countingVolunteerLists = () => {
  const counter = { lists: 0 }
  const wrap = (store: StoreService): StoreService => ({
    ...store,
    list: (resource, query) => {
      if (resource === "volunteers") counter.lists++
      return store.list(resource, query)
    }
  })
  return { counter, layer: testLayer(wrap) }
}

describe("attendance import: volunteer look-ups", () => {
  const { counter, layer } = countingVolunteerLists()
  it.effect("volunteers are found with one query per batch for each kind of identifier: numbers, ID numbers, phones", () =>
    Effect.gen(function* () {
      const [v1, v2, v3, v4] = yield* setup()
      const bytes = yield* sheet(
        [v1.volunteerNumber, "", "", "act-1", 1, ""],
        [v2.volunteerNumber, "", "", "act-1", 1, ""],
        [v3.volunteerNumber, "", "", "act-1", 1, ""],
        ["", "", v4.phone, "act-1", 1, ""]
      )
      counter.lists = 0
      const report = yield* importAttendance({ bytes }).pipe(as(tinghuAdmin))
      expect(report.issues).toEqual([])
      expect(report.written).toBe(4)
      // One query for the three numbers, one for the phone.
      expect(counter.lists).toBe(2)
      for (const v of [v1, v2, v3, v4]) expect((yield* participationsOf(v)).map((p) => [p.status, p.hours])).toEqual([["attended", 1]])

      counter.lists = 0
      const again = yield* importAttendance({ bytes }, { batchSize: 2 }).pipe(as(tinghuAdmin))
      expect(again.committed).toBe(false)
      expect(counter.lists).toBe(3)

      // Rows identified only by ID number or phone: one query per kind, however many rows.
      const store = yield* Store
      yield* Effect.orDie(store.insert("activities", activity("act-2")))
      const byIdentity = yield* sheet(
        ["", v1.idNumber, "", "act-2", 1, ""],
        ["", v2.idNumber, "", "act-2", 1, ""],
        ["", "", v3.phone, "act-2", 1, ""],
        ["", "", v4.phone, "act-2", 1, ""]
      )
      counter.lists = 0
      const identified = yield* importAttendance({ bytes: byIdentity }).pipe(as(tinghuAdmin))
      expect(identified.issues).toEqual([])
      expect(counter.lists).toBe(2)
      for (const v of [v1, v2, v3, v4]) expect((yield* participationsOf(v, "act-2")).map((p) => p.hours)).toEqual([1])
    }).pipe(Effect.provide(layer))
  )

  it.effect("a number not found falls back to the row's ID number, then its phone, as before", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup()
      const report = yield* importAttendance({
        bytes: yield* sheet(["YC2099999999", v1.idNumber, "", "act-1", 1, ""], ["YC2099999998", "", v2.phone, "act-1", 2, ""])
      }).pipe(as(tinghuAdmin))
      expect(report.issues).toEqual([])
      expect((yield* participationsOf(v1)).map((p) => p.hours)).toEqual([1])
      expect((yield* participationsOf(v2)).map((p) => p.hours)).toEqual([2])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a name given beside the number must be the volunteer's: a mistyped number credits nobody else", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup()
      const withName = (...rows: ReadonlyArray<ReadonlyArray<unknown>>) =>
        Effect.promise(() => xlsx([["志愿者编号", "姓名", "活动", "服务时长"], ...rows]))
      // v2's number typed where v1 was meant: the name gives it away, and the whole sheet is refused.
      const refused = yield* importAttendance({
        bytes: yield* withName([v2.volunteerNumber, v1.name, "act-1", 2], [v1.volunteerNumber, "", "act-1", 1])
      }).pipe(as(tinghuAdmin))
      expect(refused.written).toBe(0)
      expect(refused.issues).toEqual([
        expect.objectContaining({
          row: 2,
          column: "姓名",
          key: "import.attendanceNameMismatch",
          message: `姓名“${v1.name}”与找到的志愿者${v2.name}（${v2.volunteerNumber}）不符，请核对志愿者编号、身份证号码或手机号码`
        })
      ])
      expect(yield* participationsOf(v2)).toEqual([])
      expect(yield* participationsOf(v1)).toEqual([])
      // Spaces and full-width letters in a name are how people write it, not a different person.
      const accepted = yield* importAttendance({
        bytes: yield* withName([v1.volunteerNumber, ` ${[...v1.name].join(" ")} `, "act-1", 2])
      }).pipe(as(tinghuAdmin))
      expect(accepted.issues).toEqual([])
      expect((yield* participationsOf(v1)).map((p) => p.hours)).toEqual([2])
    }).pipe(Effect.provide(testLayer()))
  )

  it.effect("a region admin finds only their region's volunteers, by number in a batch as by ID number or phone", () =>
    Effect.gen(function* () {
      const volunteers = yield* setup()
      const yandu = volunteers.find((v) => v.regionCode === "320903")!
      const tinghu = volunteers.find((v) => v.regionCode === "320902")!
      const report = yield* importAttendance(
        {
          bytes: yield* sheet(
            [yandu.volunteerNumber, "", "", "act-1", 1, ""],
            [tinghu.volunteerNumber, "", "", "act-1", 1, ""],
            ["", "", yandu.phone, "act-1", 1, ""]
          )
        },
        { mode: "valid-only" }
      ).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.column, i.key])).toEqual([
        [2, "志愿者编号", "import.volunteerNotFound"],
        [4, "志愿者编号", "import.volunteerNotFound"]
      ])
      expect(report.written).toBe(1)
      expect(yield* participationsOf(yandu)).toEqual([])
      expect((yield* participationsOf(tinghu)).map((p) => p.status)).toEqual(["attended"])
    }).pipe(Effect.provide(testLayer()))
  )
})

describe("attendance import: English sheets and reports", () => {
  it.effect("English headers are read; the report names columns in its own language, the refusals too", () =>
    Effect.gen(function* () {
      const [v1, v2] = yield* setup()
      const english = (...rows: ReadonlyArray<ReadonlyArray<unknown>>) =>
        Effect.promise(() => xlsx([["Volunteer no.", "ID", "Phone", "Activity", "hours", "Notes"], ...rows]))
      const bytes = yield* english(
        [v1.volunteerNumber, "", "", "act-1", 2, "came early"],
        ["", "", v2.phone, "act-1", 1.5, ""],
        ["YC2099999999", "", "", "act-1", 1, ""],
        [v1.volunteerNumber, "", "", "no such activity", "two", ""]
      )
      const report = yield* importAttendance({ bytes }, { locale: "en", mode: "valid-only" }).pipe(as(tinghuAdmin))
      expect(report.issues.map((i) => [i.row, i.column, i.message])).toEqual([
        [4, "Volunteer number", "volunteer not found (YC2099999999)"],
        [5, "Hours", 'a number is expected, not "two"']
      ])
      expect(report.written).toBe(2)
      expect((yield* participationsOf(v1)).map((p) => [p.status, p.hours, p.feedback])).toEqual([["attended", 2, "came early"]])
      expect((yield* participationsOf(v2)).map((p) => p.hours)).toEqual([1.5])

      // A Chinese sheet, reported in English; the English sheet, reported in Chinese.
      const chinese = yield* importAttendance({ bytes: yield* sheet(["YC2099999999", "", "", "act-1", 1, ""]) }, { locale: "en" }).pipe(
        as(tinghuAdmin)
      )
      expect(chinese.issues.map((i) => i.column)).toEqual(["Volunteer number"])
      const inChinese = yield* importAttendance({ bytes: yield* english(["YC2099999999", "", "", "act-1", 1, ""]) }).pipe(as(tinghuAdmin))
      expect(inChinese.issues.map((i) => i.column)).toEqual(["志愿者编号"])

      // Without any column that identifies a volunteer, the refusal names them in the import's language.
      const anonymous = yield* Effect.promise(() =>
        xlsx([
          ["Name", "Activity", "Hours"],
          ["王建国", "act-1", 1]
        ])
      )
      const refusal = (locale: "zh-CN" | "en") =>
        importAttendance({ bytes: anonymous }, { locale }).pipe(
          as(tinghuAdmin),
          Effect.flip,
          Effect.map((e) => (e as { issues: ReadonlyArray<{ key: string; params?: unknown }> }).issues[0])
        )
      expect(yield* refusal("en")).toMatchObject({
        key: "import.missingHeaders",
        params: { columns: "Volunteer number / ID number / Mobile number" }
      })
      expect(yield* refusal("zh-CN")).toMatchObject({ params: { columns: "志愿者编号 / 身份证号码 / 手机号码" } })
      const noHours = yield* Effect.promise(() =>
        xlsx([
          ["Volunteer number", "Activity"],
          [v1.volunteerNumber, "act-1"]
        ])
      )
      const missing = yield* importAttendance({ bytes: noHours }, { locale: "en" }).pipe(as(tinghuAdmin), Effect.flip)
      expect((missing as { issues: ReadonlyArray<{ params?: unknown }> }).issues[0].params).toEqual({ columns: "Hours" })
    }).pipe(Effect.provide(testLayer()))
  )
})
