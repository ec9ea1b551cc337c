import { Effect, Layer } from "effect"
import { type Actor, CurrentActor, requireCityAdmin, requireWriteIn, requireWriter } from "../actor.js"
import { ExemplarCreate, type ExemplarLevel, ExemplarUpdate } from "../domain/exemplar.js"
import { type ExemplarId, newId } from "../domain/ids.js"
import { nowInstant } from "../time.js"
import { Exemplars } from "./Exemplars.js"
import { decodeInput, getManyScoped, getScoped, insertAudited, listScoped, removeAudited, updateAudited } from "./internal/crud.js"
import { captureDeps, type ServiceLayer } from "./ResourceService.js"

/** A recognition is conferred by the bureau of its level: the county's own, or the city's. */
const requireConferrer = (actor: Actor, level: ExemplarLevel, regionCode: string) =>
  Effect.zipRight(requireWriter(actor), level === "city" ? requireCityAdmin(actor) : requireWriteIn(actor, regionCode))

export const ExemplarsLive: ServiceLayer<Exemplars> = Layer.effect(
  Exemplars,
  Effect.gen(function* () {
    const provide = yield* captureDeps
    return {
      list: (query) => provide(listScoped("exemplars", query)),
      get: (id) => provide(getScoped("exemplars", id)),
      getMany: (ids) => provide(getManyScoped("exemplars", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            yield* requireWriter(actor)
            const command = yield* decodeInput(ExemplarCreate, input)
            // A volunteer outside the actor's jurisdiction does not exist for them.
            const volunteer = yield* getScoped("volunteers", command.volunteerId)
            yield* requireConferrer(actor, command.level, volunteer.regionCode)
            const now = yield* nowInstant
            return yield* insertAudited("exemplars", {
              id: newId() as ExemplarId,
              ...command,
              regionCode: volunteer.regionCode,
              createdAt: now,
              updatedAt: now
            })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const before = yield* getScoped("exemplars", id)
            yield* requireConferrer(actor, before.level, before.regionCode)
            const patch = yield* decodeInput(ExemplarUpdate, input)
            // Raising a county recognition to city level is the city's decision.
            yield* requireConferrer(actor, patch.level ?? before.level, before.regionCode)
            return yield* updateAudited("exemplars", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const row = yield* getScoped("exemplars", id)
            yield* requireConferrer(actor, row.level, row.regionCode)
            return yield* removeAudited("exemplars", row)
          })
        )
    }
  })
)
