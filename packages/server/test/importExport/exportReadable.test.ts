/**
 * Exports a clerk can read without the database beside them: the demo's year of work exported
 * as the city and as a region, and no cell that names an organisation, an account, an audited
 * record kind or action, or an activity's time is left as a code or an id where a name exists.
 */
import { MemoryStoreLive } from "@yinfa/adapters/memory"
import { makeYinfaLayer, Organizations, Q, RESOURCES, Store } from "@yinfa/core"
import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { seedDemo } from "../../src/demo/seed.js"
import { resourceTitle } from "../../src/importExport/exportList.js"
import { as, cityAdmin, exportBytes, tinghuAdmin } from "./support.js"

const NOW = Date.parse("2026-11-28T02:00:00Z")
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A CSV export's rows as objects keyed by header. */
const exported = (resource: string, actor = cityAdmin) =>
  Effect.map(
    exportBytes(resource, { format: "csv" }).pipe(as(actor)),
    (out) => parse(new TextDecoder().decode(out.bytes), { bom: true, columns: true }) as Array<Record<string, string>>
  )

const run = <A>(effect: Effect.Effect<A, unknown, any>) =>
  Effect.runPromise(
    Effect.gen(function* () {
      yield* seedDemo({ now: NOW, hashPassword: (pw) => Effect.succeed(`test:${pw}`) })
      return yield* effect
    }).pipe(Effect.provide(makeYinfaLayer(MemoryStoreLive))) as Effect.Effect<A>
  )

describe("exports read by people", () => {
  it("names partner organisations and accounts, writes activity times as times, and labels the audit log", async () => {
    const r = await run(
      Effect.gen(function* () {
        const store = yield* Store
        const withPartners = (yield* store.list("activities", Q.all())).rows.filter((a) => a.partnerIds.length > 0)
        const organisations = new Map(
          (yield* (yield* Organizations).list(Q.all([], [], { offset: 0, limit: 1000 })).pipe(as(cityAdmin))).rows.map((o) => [
            o.id,
            o.name
          ])
        )
        const accounts = new Map((yield* store.list("users", Q.all())).rows.map((u) => [u.id as string, u.displayName]))
        return {
          withPartners,
          organisations,
          accounts,
          activities: yield* exported("activities"),
          hours: yield* exported("service-hours"),
          regionHours: yield* exported("service-hours", tinghuAdmin),
          audit: yield* exported("audit-log")
        }
      })
    )
    expect(r.withPartners.length).toBeGreaterThan(10)
    const byTitleAndStart = new Map(r.activities.map((row) => [`${row.标题}|${row.开始时间}`, row]))
    for (const a of r.withPartners) {
      const row = byTitleAndStart.get(`${a.title}|${a.startsAt.replace("T", " ")}`)
      expect(row?.协办单位).toBe(a.partnerIds.map((id) => r.organisations.get(id)).join("、"))
    }
    for (const row of r.activities) {
      expect(row.开始时间).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      expect(row.结束时间).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      expect(row.主办单位).not.toMatch(UUID)
    }

    // The city bureau reads every account's name; a region admin cannot look accounts up and sees their ids.
    expect(r.hours.length).toBeGreaterThan(300)
    const names = new Set(r.accounts.values())
    for (const row of r.hours) expect(names.has(row.登记人), row.登记人).toBe(true)
    expect(r.regionHours.length).toBeGreaterThan(0)
    for (const row of r.regionHours) expect(r.accounts.has(row.登记人), row.登记人).toBe(true)

    const titles = new Set(Object.keys(RESOURCES).map((name) => resourceTitle(name as never)))
    expect(r.audit.length).toBeGreaterThan(1000)
    for (const row of r.audit) {
      expect(titles.has(row.资源), row.资源).toBe(true)
      expect(row.操作).not.toMatch(/^[a-z-]+$/)
    }
    // What changed, in words: field names, labels, times; from → to where there was a value before.
    const attended = r.audit.filter((row) => row.资源 === "报名与出勤" && row.操作 === "登记出勤")
    expect(attended.length).toBeGreaterThan(300)
    for (const row of attended) {
      expect(row.变更内容).toMatch(/^状态：已确认 → 已参加；服务时长（小时）：\d+(\.\d+)?；/)
      expect(row.变更内容).toMatch(/登记时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
    }
    for (const row of r.audit) expect(row.变更内容).not.toMatch(/"before"|"after"/)
    // The record each entry is about, by name beside its id: every one the demo still holds.
    const unnamed = r.audit.filter((row) => row.记录名称 === "" || UUID.test(row.记录名称)).map((row) => `${row.资源}: ${row.记录}`)
    expect(unnamed.slice(0, 5)).toEqual([])
    const named = (resource: string) => r.audit.filter((row) => row.资源 === resource).map((row) => row.记录名称)
    for (const resource of ["报名与出勤", "服务时长明细", "志愿者名册"]) expect(named(resource).length, resource).toBeGreaterThan(250)
    for (const name of named("报名与出勤")) expect(name).toMatch(/^[^·]+ · [^（]+（YC\d+）$/)
    for (const name of named("服务时长明细")) expect(name).toMatch(/^[^（]+（YC\d+） · \d{4}-\d{2}-\d{2}$/)
    for (const name of named("志愿者名册")) expect(name).toMatch(/^[^（]+（YC\d+）$/)
    expect(named("辖区")).toContain("亭湖区")
    // Other records by name: who took part in what, which organisations, who recorded the hours.
    const uuidInside = new RegExp(UUID.source.slice(1, -1))
    const leftIds = r.audit.filter((row) => uuidInside.test(row.变更内容)).map((row) => `${row.资源}/${row.操作}: ${row.变更内容}`)
    expect(leftIds.slice(0, 5)).toEqual([])
    const signUps = r.audit.filter((row) => row.资源 === "报名与出勤" && row.操作 === "新增")
    expect(signUps.length).toBeGreaterThan(300)
    for (const row of signUps) expect(row.变更内容).toMatch(/志愿者：[^；]+（YC\d+）；/)
    // A sign-up is named by its activity and its volunteer.
    const fromActivities = r.audit.filter((row) => row.资源 === "服务时长明细" && row.变更内容.includes("报名记录："))
    expect(fromActivities.length).toBeGreaterThan(300)
    for (const row of fromActivities) expect(row.变更内容).toMatch(/报名记录：[^；·]+ · [^；]+（YC\d+）；/)
    // A check-in by its pairing and its day.
    const fromCheckIns = r.audit.filter((row) => row.资源 === "服务时长明细" && row.变更内容.includes("帮带记录："))
    expect(fromCheckIns.length).toBeGreaterThan(10)
    for (const row of fromCheckIns) expect(row.变更内容).toMatch(/帮带记录：[^；·]+ · \d{4}-\d{2}-\d{2}；/)
    // A safety plan is its items by name, in the activity list and set off in the audit log.
    const planned = r.activities.filter((row) => row.安全预案 !== "")
    expect(planned.length).toBeGreaterThan(10)
    for (const row of planned) {
      expect(row.安全预案).toMatch(/^医疗救护：[^；]+；交通出行：/)
      expect(row.安全预案).not.toMatch(/[{}"]/)
    }
    const createdActivities = r.audit.filter((row) => row.资源 === "志愿服务活动" && row.操作 === "新增")
    for (const row of createdActivities) expect(row.变更内容).not.toContain("记录ID")
    const createdWithPlan = createdActivities.filter((row) => row.变更内容.includes("安全预案："))
    expect(createdWithPlan.length).toBeGreaterThan(10)
    for (const row of createdWithPlan) expect(row.变更内容).toMatch(/安全预案：（医疗救护：[^）]+；交通出行：[^）]+）；/)
    const partnered = r.audit.filter((row) => row.资源 === "志愿服务活动" && row.变更内容.includes("协办单位："))
    expect(partnered.length).toBeGreaterThan(10)
    const organisationNames = new Set(r.organisations.values())
    for (const row of partnered) {
      const partners = /协办单位：([^；]+)/.exec(row.变更内容)?.[1] ?? ""
      for (const name of partners.split("、")) expect(organisationNames.has(name), name).toBe(true)
    }
  }, 120_000)
})
