import { Effect, Layer } from "effect"
import { getManyScoped, getScoped, listScoped } from "./internal/crud.js"
import { captureDeps, type ServiceDeps } from "./ResourceService.js"
import { ServiceHours } from "./ServiceHours.js"

/** The ledger is written only by attendance, corrections and check-ins; here it is only read. */
export const ServiceHoursLive: Layer.Layer<ServiceHours, never, ServiceDeps> = Layer.effect(
  ServiceHours,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("service-hours", query)),
      get: (id) => provide(getScoped("service-hours", id)),
      getMany: (ids) => provide(getManyScoped("service-hours", ids))
    }
  })
)
