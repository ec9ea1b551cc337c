import { MemoryStoreLive } from "@yinfa/adapters/memory"
import { makeYinfaLayer, Q, Store } from "@yinfa/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { isEmpty, seedDemo } from "../../src/demo/seed.js"

const NOW = Date.parse("2026-11-28T02:00:00Z")

const seeded = Effect.gen(function* () {
  const emptyBefore = yield* isEmpty
  const summary = yield* seedDemo({ now: NOW, hashPassword: (pw) => Effect.succeed(`test:${pw}`) })
  const store = yield* Store
  const count = (resource: Parameters<typeof store.list>[0], filters: Parameters<typeof Q.all>[0] = []) =>
    Effect.map(store.list(resource, Q.all(filters, [], { offset: 0, limit: 1 })), (r) => r.total)
  const statuses = (resource: "activities" | "pairings" | "experience-reports" | "participations") =>
    Effect.map(
      store.aggregate(resource, { filters: [], groupBy: [{ field: "status", as: "status" }], measures: [{ fn: "count", as: "n" }] }),
      (rows) => Object.fromEntries(rows.map((r) => [r.status as string, r.n as number]))
    )
  return {
    emptyBefore,
    emptyAfter: yield* isEmpty,
    summary,
    volunteers: yield* count("volunteers"),
    regionsWithVolunteers: (yield* store.aggregate("volunteers", {
      filters: [],
      groupBy: [{ field: "regionCode", as: "r" }],
      measures: [{ fn: "count", as: "n" }]
    })).length,
    activityStatus: yield* statuses("activities"),
    activityCategories: (yield* store.aggregate("activities", {
      filters: [],
      groupBy: [{ field: "category", as: "c" }],
      measures: [{ fn: "count", as: "n" }]
    })).length,
    pairingStatus: yield* statuses("pairings"),
    reportStatus: yield* statuses("experience-reports"),
    participationStatus: yield* statuses("participations"),
    hours: (yield* store.aggregate("service-hours", { filters: [], groupBy: [], measures: [{ fn: "sum", field: "hours", as: "h" }] }))[0]
      .h as number,
    checkIns: yield* count("pairing-check-ins"),
    brandProjects: yield* count("brand-projects"),
    exemplars: yield* count("exemplars"),
    certificates: (yield* store.list("certificates", Q.all())).rows,
    users: yield* count("users"),
    lateEntries: yield* count("service-hours", [Q.eq("late", true)]),
    offlineDraftsWithoutPlan: yield* count("activities", [Q.eq("status", "draft"), Q.eq("channel", "offline"), Q.eq("safetyPlan", null)]),
    // Nothing the demo records may have happened after "now".
    inTheFuture: {
      auditEntries: yield* count("audit-log", [Q.gt("at", new Date(NOW).toISOString())]),
      updates: Object.fromEntries(
        yield* Effect.forEach(
          ["volunteers", "activities", "participations", "service-hours", "pairings", "pairing-check-ins", "experience-reports"] as const,
          (resource) => Effect.map(count(resource, [Q.gt("updatedAt", new Date(NOW).toISOString())]), (n) => [resource, n] as const)
        )
      ),
      serviceDays: yield* count("service-hours", [Q.gt("serviceDate", new Date(NOW + 8 * 3_600_000).toISOString().slice(0, 10))])
    }
  }
}).pipe(Effect.provide(makeYinfaLayer(MemoryStoreLive)))

describe("demo data", () => {
  it("seeds a year of Yancheng work through the services, in every state the dashboard shows", async () => {
    const r = await Effect.runPromise(seeded)
    expect(r.emptyBefore).toBe(true)
    expect(r.emptyAfter).toBe(false)
    expect(r.volunteers).toBeGreaterThanOrEqual(280)
    expect(r.regionsWithVolunteers).toBe(12)
    expect(r.users).toBe(14)
    expect(r.summary.users.map((u) => u.username)).toEqual(
      expect.arrayContaining([
        "admin",
        "tinghu",
        "yandu",
        "dafeng",
        "dongtai",
        "jianhu",
        "sheyang",
        "funing",
        "binhai",
        "xiangshui",
        "kaifaqu",
        "yannan",
        "shizhi",
        "viewer"
      ])
    )
    expect(r.activityCategories).toBe(5)
    expect(r.activityStatus.completed).toBeGreaterThan(100)
    expect(r.activityStatus.published).toBeGreaterThan(0)
    expect(r.activityStatus.draft).toBeGreaterThan(0)
    expect(r.activityStatus.cancelled).toBeGreaterThan(0)
    expect(r.participationStatus.attended).toBeGreaterThan(300)
    expect(r.participationStatus.absent).toBeGreaterThan(0)
    expect(r.hours).toBeGreaterThan(600)
    expect(r.lateEntries).toBeGreaterThan(0)
    for (const s of ["proposed", "active", "concluded", "ended", "declined"]) expect(r.pairingStatus[s], s).toBeGreaterThan(0)
    for (const s of ["draft", "submitted", "accepted", "returned", "published"]) expect(r.reportStatus[s], s).toBeGreaterThan(0)
    expect(r.checkIns).toBeGreaterThan(0)
    expect(r.brandProjects).toBeGreaterThanOrEqual(12)
    expect(r.exemplars).toBeGreaterThan(0)
    // Two certificates a region, for volunteers with hours, each numbered once.
    expect(r.summary.certificates).toBe(24)
    expect(r.certificates.length).toBe(24)
    expect(new Set(r.certificates.map((c) => c.certificateNumber)).size).toBe(24)
    for (const c of r.certificates) expect(c.totalHours).toBeGreaterThan(0)
    expect(new Set(r.certificates.map((c) => c.regionCode)).size).toBe(12)
    expect(r.offlineDraftsWithoutPlan).toBeGreaterThan(0)
    expect(r.inTheFuture).toEqual({
      auditEntries: 0,
      updates: {
        volunteers: 0,
        activities: 0,
        participations: 0,
        "service-hours": 0,
        pairings: 0,
        "pairing-check-ins": 0,
        "experience-reports": 0
      },
      serviceDays: 0
    })
  }, 120_000)
})
