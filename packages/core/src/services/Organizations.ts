import { Context, Effect, Layer } from "effect"
import { CurrentActor } from "../actor.js"
import { newId, type OrganizationId } from "../domain/ids.js"
import { type Organization, OrganizationCreate, OrganizationUpdate } from "../domain/organization.js"
import { conflict } from "../errors.js"
import { Q } from "../query.js"
import { Store } from "../ports/Store.js"
import { nowInstant } from "../time.js"
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
import { captureDeps, type ResourceService } from "./ResourceService.js"

/** Bureaus, departments, partner bodies, Party branches and beneficiaries. */
export class Organizations extends Context.Tag("@yinfa/core/Organizations")<Organizations, ResourceService<Organization>>() {}

/** Records that point at an organisation; while any exists it cannot be deleted. */
const referencedBy = (id: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const checks = [
      store.list("volunteers", Q.all([Q.eq("partyBranchId", id)], [], { offset: 0, limit: 1 })),
      store.list("activities", Q.all([Q.or([Q.eq("organizerId", id)], [Q.includes("partnerIds", id)])], [], { offset: 0, limit: 1 })),
      store.list("brand-projects", Q.all([Q.eq("ownerOrganizationId", id)], [], { offset: 0, limit: 1 })),
      store.list("pairings", Q.all([Q.eq("beneficiaryOrganizationId", id)], [], { offset: 0, limit: 1 }))
    ]
    const results = yield* Effect.all(checks)
    return results.some((r) => r.total > 0)
  })

export const OrganizationsLive = Layer.effect(
  Organizations,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("organizations", query)),
      get: (id) => provide(getScoped("organizations", id)),
      getMany: (ids) => provide(getManyScoped("organizations", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const command = yield* decodeInput(OrganizationCreate, input)
            yield* requireWriteRow(actor, "organizations", command)
            yield* requireRegion("regionCode", command.regionCode)
            const now = yield* nowInstant
            return yield* insertAudited("organizations", {
              id: newId() as OrganizationId,
              ...command,
              createdAt: now,
              updatedAt: now
            })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const before = yield* getScoped("organizations", id)
            const patch = yield* decodeInput(OrganizationUpdate, input)
            yield* requireWriteRow(actor, "organizations", before)
            yield* requireWriteRow(actor, "organizations", { ...before, ...patch })
            if (patch.regionCode) yield* requireRegion("regionCode", patch.regionCode)
            return yield* updateAudited("organizations", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const row = yield* getScoped("organizations", id)
            yield* requireWriteRow(actor, "organizations", row)
            if (yield* referencedBy(id)) return yield* Effect.fail(conflict("conflict.inUse", "the organisation is still referenced"))
            return yield* removeAudited("organizations", row)
          })
        )
    }
  })
)
