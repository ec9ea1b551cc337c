import { Effect, Layer, Schema } from "effect"
import { CurrentActor } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { newId, type PairingCheckInId, type ServiceHourId, type UserId } from "../domain/ids.js"
import { type Pairing, type PairingCheckIn, PairingCheckInCreate } from "../domain/pairing.js"
import { OptionalText } from "../domain/primitives.js"
import type { ServiceHour } from "../domain/serviceHour.js"
import { invalid } from "../errors.js"
import { Store } from "../ports/Store.js"
import { addWorkingDays, nowInstant, todayLocal } from "../time.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  removeAudited,
  requireWriteRow,
  updateAudited
} from "./internal/crud.js"
import { PairingCheckIns } from "./Pairings.js"
import { requirePairingStatus } from "./PairingsLive.js"
import { captureDeps } from "./ResourceService.js"

/** Date, hours and mode are what the ledger was given; changing them is a removal and a new check-in. */
const PairingCheckInUpdate = Schema.partial(Schema.Struct({ notes: OptionalText(2000) }))

/** A ledger entry for the pairing's mentor, tied to the check-in it comes from. */
const ledgerEntry = (pairing: Pairing, checkIn: PairingCheckIn, entry: Pick<ServiceHour, "source" | "hours" | "reason" | "late">) =>
  Effect.gen(function* () {
    const actor = yield* CurrentActor
    const row: ServiceHour = {
      id: newId() as ServiceHourId,
      volunteerId: pairing.mentorId,
      regionCode: pairing.regionCode,
      category: pairing.category,
      participationId: null,
      pairingId: pairing.id,
      checkInId: checkIn.id,
      serviceDate: checkIn.date,
      recordedBy: actor.userId as UserId,
      recordedAt: yield* nowInstant,
      ...entry
    }
    return yield* insertAudited("service-hours", row)
  })

export const PairingCheckInsLive = Layer.effect(
  PairingCheckIns,
  Effect.gen(function* () {
    const provide = yield* captureDeps

    const writable = (id: string) =>
      Effect.gen(function* () {
        const actor = yield* CurrentActor
        const checkIn = yield* getScoped("pairing-check-ins", id)
        yield* requireWriteRow(actor, "pairing-check-ins", checkIn)
        return checkIn
      })

    return {
      list: (query) => provide(listScoped("pairing-check-ins", query)),
      get: (id) => provide(getScoped("pairing-check-ins", id)),
      getMany: (ids) => provide(getManyScoped("pairing-check-ins", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const config = yield* YinfaConfig
            const store = yield* Store
            const command = yield* decodeInput(PairingCheckInCreate, input)
            const pairing = yield* getScoped("pairings", command.pairingId)
            yield* requireWriteRow(actor, "pairings", pairing)
            yield* requirePairingStatus(pairing, ["active"], "checkIn")
            const today = yield* todayLocal
            if (pairing.startedOn === null || command.date < pairing.startedOn || command.date > today)
              return yield* Effect.fail(invalid("date", "validation.checkInDate", "a check-in falls between the pairing's start and today"))
            // The same recording deadline as for activities (记录与证明出具办法 §11): allowed, but flagged.
            const late = today > addWorkingDays(command.date, config.lateRecordingWorkingDays, config)
            const checkIn: PairingCheckIn = {
              id: newId() as PairingCheckInId,
              ...command,
              regionCode: pairing.regionCode,
              recordedBy: actor.userId as UserId,
              createdAt: yield* nowInstant
            }
            return yield* store.transaction(
              Effect.gen(function* () {
                const saved = yield* insertAudited("pairing-check-ins", checkIn)
                yield* ledgerEntry(pairing, saved, { source: "check-in", hours: saved.hours, reason: "", late })
                return saved
              })
            )
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id)
            const patch = yield* decodeInput(PairingCheckInUpdate, input)
            return yield* updateAudited("pairing-check-ins", before, patch)
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const checkIn = yield* writable(id)
            const pairing = yield* store.get("pairings", checkIn.pairingId)
            // The ledger is append-only (§13): the hours go away through a negative entry.
            return yield* store.transaction(
              Effect.gen(function* () {
                yield* removeAudited("pairing-check-ins", checkIn)
                yield* ledgerEntry(pairing, checkIn, {
                  source: "correction",
                  hours: -checkIn.hours,
                  reason: "check-in removed",
                  late: false
                })
                return checkIn
              })
            )
          })
        )
    }
  })
)
