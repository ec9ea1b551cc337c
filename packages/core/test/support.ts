import { MemoryStoreLive } from "@yinfa/adapters/memory"
import { Effect, Layer } from "effect"
import { type Actor, CurrentActor, systemActor } from "../src/actor.js"
import { YinfaConfig, type YinfaConfigShape } from "../src/config.js"
import { YANCHENG_REGIONS } from "../src/domain/regions/yancheng.js"
import { Store } from "../src/ports/Store.js"

/** Actors used across the core tests. */
export const cityAdmin: Actor = { ...systemActor, userId: "u-city", username: "admin", displayName: "市局管理员" }
export const tinghuAdmin: Actor = {
  userId: "u-tinghu",
  username: "tinghu",
  displayName: "亭湖区管理员",
  role: "region-admin",
  regionCode: "320902"
}
export const yanduAdmin: Actor = {
  userId: "u-yandu",
  username: "yandu",
  displayName: "盐都区管理员",
  role: "region-admin",
  regionCode: "320903"
}
export const viewer: Actor = { userId: "u-viewer", username: "viewer", displayName: "查看员", role: "viewer", regionCode: null }

/** Seeds the Yancheng regions into a fresh store. */
export const seedRegions = Effect.gen(function* () {
  const store = yield* Store
  yield* Effect.forEach(YANCHENG_REGIONS, (r) => Effect.orDie(store.insert("regions", r)), { discard: true })
})

/** A fresh memory store with the regions, plus configuration. */
export const testBase = (config: Partial<YinfaConfigShape> = {}) =>
  Layer.effectDiscard(seedRegions).pipe(Layer.provideMerge(Layer.merge(MemoryStoreLive, YinfaConfig.layer(config))))

export const as = (actor: Actor) => Effect.provideService(CurrentActor, actor)
