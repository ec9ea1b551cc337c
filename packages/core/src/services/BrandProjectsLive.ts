import { Effect, Layer } from "effect"
import { CurrentActor } from "../actor.js"
import { type BrandProject, BrandProjectCreate, BrandProjectUpdate } from "../domain/brandProject.js"
import { type BrandProjectId, newId } from "../domain/ids.js"
import { conflict, invalid } from "../errors.js"
import { Store } from "../ports/Store.js"
import { Q } from "../query.js"
import { nowInstant } from "../time.js"
import { BrandProjects } from "./BrandProjects.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  removeAudited,
  requireRegion,
  requireWriteRow,
  updateAudited
} from "./internal/crud.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"

/** The owner may be any registered organisation: city departments often own county programmes. */
const requireOwner = (project: Pick<BrandProject, "ownerOrganizationId">) =>
  Effect.gen(function* () {
    if (project.ownerOrganizationId === null) return
    const store = yield* Store
    const found = yield* store.getMany("organizations", [project.ownerOrganizationId])
    if (found.length === 0)
      return yield* Effect.fail(invalid("ownerOrganizationId", "validation.ownerOrganizationUnknown", "no such organisation"))
  })

export const BrandProjectsLive: ServiceLayer<BrandProjects> = Layer.effect(
  BrandProjects,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("brand-projects", query)),
      get: (id) => provide(getScoped("brand-projects", id)),
      getMany: (ids) => provide(getManyScoped("brand-projects", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const command = yield* decodeInput(BrandProjectCreate, input)
            yield* requireWriteRow(actor, "brand-projects", command)
            yield* requireRegion("regionCode", command.regionCode)
            yield* requireOwner(command)
            const now = yield* nowInstant
            return yield* insertAudited("brand-projects", { id: newId() as BrandProjectId, ...command, createdAt: now, updatedAt: now })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const before = yield* getScoped("brand-projects", id)
            yield* requireWriteRow(actor, "brand-projects", before)
            const patch = yield* decodeInput(BrandProjectUpdate, input)
            const merged = { ...before, ...patch }
            yield* requireWriteRow(actor, "brand-projects", merged)
            if (patch.regionCode) yield* requireRegion("regionCode", patch.regionCode)
            yield* requireOwner(merged)
            return yield* updateAudited("brand-projects", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const store = yield* Store
            const row = yield* getScoped("brand-projects", id)
            yield* requireWriteRow(actor, "brand-projects", row)
            const activities = yield* store.list("activities", Q.all([Q.eq("brandProjectId", id)], [], { offset: 0, limit: 1 }))
            if (activities.total > 0) return yield* Effect.fail(conflict("conflict.inUse", "activities still belong to this brand project"))
            return yield* removeAudited("brand-projects", row)
          })
        )
    }
  })
)
