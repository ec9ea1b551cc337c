import { Effect, Layer } from "effect"
import { CurrentActor, inScope } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { type Category, CATEGORY_CODES } from "../domain/categories.js"
import { NotFound } from "../errors.js"
import { Store } from "../ports/Store.js"
import { Q } from "../query.js"
import { exactHours } from "./internal/hours.js"
import { captureDeps, type ServiceDeps } from "./ResourceService.js"
import { ServiceRecords, starLevel } from "./ServiceRecords.js"

export const ServiceRecordsLive: Layer.Layer<ServiceRecords, never, ServiceDeps> = Layer.effect(
  ServiceRecords,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      summary: (volunteerId) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const actor = yield* CurrentActor
            const config = yield* YinfaConfig
            const volunteer = yield* store.get("volunteers", volunteerId)
            if (!inScope(actor, "volunteers", volunteer))
              return yield* Effect.fail(new NotFound({ resource: "volunteers", id: volunteerId }))
            // Hours count wherever they were served, so the ledger is read without the actor's region filter.
            const mine = [Q.eq("volunteerId", volunteer.id)]
            const [sums, attended, first, last] = yield* Effect.all([
              store.aggregate("service-hours", {
                filters: mine,
                groupBy: [
                  { field: "category", as: "category" },
                  { field: "source", as: "source" }
                ],
                measures: [{ fn: "sum", field: "hours", as: "hours" }]
              }),
              store.aggregate("participations", {
                filters: [...mine, Q.eq("status", "attended")],
                groupBy: [],
                measures: [{ fn: "count", as: "count" }]
              }),
              store.list("service-hours", Q.all(mine, [{ field: "serviceDate", order: "ASC" }], { offset: 0, limit: 1 })),
              store.list("service-hours", Q.all(mine, [{ field: "serviceDate", order: "DESC" }], { offset: 0, limit: 1 }))
            ])
            const byCategory = new Map<Category, number>()
            let total = 0
            let checkInHours = 0
            for (const row of sums) {
              const hours = Number(row.hours)
              const category = row.category as Category
              byCategory.set(category, (byCategory.get(category) ?? 0) + hours)
              total += hours
              if (row.source === "check-in") checkInHours += hours
            }
            const totalHours = exactHours(total)
            const thresholds = [...config.starThresholds].sort((a, b) => a - b)
            const stars = starLevel(totalHours, thresholds)
            return {
              volunteerId: volunteer.id,
              totalHours,
              starLevel: stars,
              hoursToNextStar: stars < thresholds.length ? exactHours(thresholds[stars] - totalHours) : null,
              activitiesAttended: Number(attended[0]?.count ?? 0),
              checkInHours: exactHours(checkInHours),
              firstServiceDate: first.rows[0]?.serviceDate ?? null,
              lastServiceDate: last.rows[0]?.serviceDate ?? null,
              byCategory: CATEGORY_CODES.filter((c) => byCategory.has(c)).map((category) => ({
                category,
                hours: exactHours(byCategory.get(category) ?? 0)
              }))
            }
          })
        )
    }
  })
)
