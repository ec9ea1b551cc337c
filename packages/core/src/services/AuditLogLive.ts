import { Effect, Layer } from "effect"
import { AuditLog } from "./AuditLog.js"
import { getManyScoped, getScoped, listScoped } from "./internal/crud.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"

/**
 * Scoping by the entry's own `regionCode` means a region admin sees what happened to their
 * region's records and nothing city-wide (entries with a null region), while city admins and
 * city-wide viewers see everything.
 */
export const AuditLogLive: ServiceLayer<AuditLog> = Layer.effect(
  AuditLog,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("audit-log", query)),
      get: (id) => provide(getScoped("audit-log", id)),
      getMany: (ids) => provide(getManyScoped("audit-log", ids))
    }
  })
)
