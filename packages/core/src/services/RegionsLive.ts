import { Effect, Layer, Schema } from "effect"
import { CurrentActor, requireCityAdmin } from "../actor.js"
import type { RegionCode } from "../domain/ids.js"
import { RegionInput } from "../domain/region.js"
import { conflict, invalid } from "../errors.js"
import { Store } from "../ports/Store.js"
import { Q } from "../query.js"
import { RESOURCE_NAMES, resourceDescriptor } from "../resources.js"
import { decodeInput, getManyScoped, getScoped, insertAudited, listScoped, removeAudited, updateAudited } from "./internal/crud.js"
import { Regions } from "./Regions.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"

const RegionUpdate = Schema.partial(RegionInput)

/**
 * Every record placed in a jurisdiction (accounts included) keeps its region alive. The audit
 * log does not: it is history, and it outlives what it describes.
 */
const placedIn = RESOURCE_NAMES.filter((r) => r !== "audit-log" && resourceDescriptor(r).regionField !== null)

const inUse = (code: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const results = yield* Effect.forEach(placedIn, (resource) =>
      store.list(resource, Q.all([Q.eq(resourceDescriptor(resource).regionField as string, code)], [], { offset: 0, limit: 1 }))
    )
    return results.some((r) => r.total > 0)
  })

export const RegionsLive: ServiceLayer<Regions> = Layer.effect(
  Regions,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("regions", query)),
      get: (id) => provide(getScoped("regions", id)),
      getMany: (ids) => provide(getManyScoped("regions", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            yield* requireCityAdmin(yield* CurrentActor)
            const command = yield* decodeInput(RegionInput, input)
            // The code is also the id; asking first lets the refusal name the field people type.
            if ((yield* store.getMany("regions", [command.code])).length > 0)
              return yield* Effect.fail(conflict("conflict.unique", `duplicate code ${command.code}`, { field: "code" }, "code"))
            return yield* insertAudited("regions", { id: command.code as RegionCode, ...command })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            yield* requireCityAdmin(yield* CurrentActor)
            const before = yield* getScoped("regions", id)
            const { code, ...patch } = yield* decodeInput(RegionUpdate, input)
            // Every scoped record and every audit entry holds the code: it cannot change.
            if (code !== undefined && code !== before.code)
              return yield* Effect.fail(invalid("code", "validation.regionCodeFixed", "a region's code cannot be changed"))
            return yield* updateAudited("regions", before, patch)
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            yield* requireCityAdmin(yield* CurrentActor)
            const row = yield* getScoped("regions", id)
            if (yield* inUse(row.code)) return yield* Effect.fail(conflict("conflict.inUse", "records still belong to this region"))
            return yield* removeAudited("regions", row)
          })
        )
    }
  })
)
