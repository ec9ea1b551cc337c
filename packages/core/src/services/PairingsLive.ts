import type { StatusAction } from "../i18n/index.js"
import { Effect, Layer } from "effect"
import { type Actor, CurrentActor, inScope } from "../actor.js"
import { YinfaConfig } from "../config.js"
import { newId, type PairingId } from "../domain/ids.js"
import { type Pairing, PairingClose, PairingCreate, type PairingStatus, PairingUpdate } from "../domain/pairing.js"
import { conflict, invalid } from "../errors.js"
import { type Filter, Q } from "../query.js"
import { Store } from "../ports/Store.js"
import { nowInstant, todayLocal } from "../time.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  removeAudited,
  requireRegion,
  requireStatus,
  requireWriteRow,
  updateAudited,
  writableInStatus
} from "./internal/crud.js"
import { maskSensitive } from "./internal/audit.js"
import { refuseSensitiveQueryForViewers } from "./internal/sensitiveQueries.js"
import { Pairings } from "./Pairings.js"
import { captureDeps } from "./ResourceService.js"

/**
 * A pupil's guardian's contact is for the admins who arrange the pairing; read-only accounts see
 * it masked (as lists and exports show a volunteer's phone), which they cannot save back.
 */
const maskPairingFor = (actor: Actor, pairing: Pairing): Pairing =>
  actor.role === "viewer" && pairing.guardianContact !== null
    ? ({ ...pairing, guardianContact: maskSensitive("guardianContact", pairing.guardianContact) } as Pairing)
    : pairing

const describePairing = (status: PairingStatus, action: StatusAction) => `pairing is ${status}; cannot ${action}`

export const requirePairingStatus = (pairing: Pairing, allowed: ReadonlyArray<PairingStatus>, action: StatusAction) =>
  requireStatus("pairings", pairing, allowed, action, describePairing)

type MenteeFields = Pick<Pairing, "menteeType" | "menteeName" | "beneficiaryOrganizationId" | "guardianContact">

/** A pairing is with a person (type and name) or with an organisation, and pupils have a guardian to call. */
const checkMentee = (p: MenteeFields) =>
  Effect.gen(function* () {
    if (p.beneficiaryOrganizationId !== null && p.menteeType !== null)
      return yield* Effect.fail(
        invalid("beneficiaryOrganizationId", "validation.menteeOrOrganization", "choose either a mentee person or an organisation")
      )
    if (p.beneficiaryOrganizationId === null) {
      if (p.menteeType === null)
        return yield* Effect.fail(invalid("menteeType", "validation.menteeRequired", "name the mentee or choose an organisation"))
      if (p.menteeName.trim() === "")
        return yield* Effect.fail(invalid("menteeName", "validation.menteeRequired", "name the mentee or choose an organisation"))
    }
    if (p.menteeType === "pupil" && p.guardianContact === null)
      return yield* Effect.fail(invalid("guardianContact", "validation.guardianRequired", "a pupil needs a guardian contact"))
  })

/** The mentor is read straight from storage, and only counts when the actor could see them. */
const requireActiveMentor = (actor: Actor, mentorId: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const [mentor] = yield* store.getMany("volunteers", [mentorId])
    if (!mentor || !inScope(actor, "volunteers", mentor))
      return yield* Effect.fail(invalid("mentorId", "validation.unknownMentor", `no such volunteer: ${mentorId}`))
    if (mentor.status !== "active")
      return yield* Effect.fail(
        conflict("conflict.mentorInactive", `the mentor is ${mentor.status}`, { status: mentor.status }, "mentorId")
      )
    return mentor
  })

const requireBeneficiary = (actor: Actor, organizationId: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const [organization] = yield* store.getMany("organizations", [organizationId])
    if (!organization || !inScope(actor, "organizations", organization))
      return yield* Effect.fail(
        invalid("beneficiaryOrganizationId", "validation.unknownBeneficiary", `no such organisation: ${organizationId}`)
      )
  })

/** Limits count city-wide: a mentor's or a pupil's other pairings may sit in another region. */
const activePairings = (filters: ReadonlyArray<Filter>) =>
  Effect.flatMap(Store, (store) => store.list("pairings", Q.all([Q.eq("status", "active"), ...filters])))

const requireMentorCapacity = (pairing: Pairing) =>
  Effect.gen(function* () {
    const config = yield* YinfaConfig
    const { total } = yield* activePairings([Q.eq("mentorId", pairing.mentorId), Q.neq("id", pairing.id)])
    const max = config.maxActivePairingsPerMentor
    if (total >= max)
      return yield* Effect.fail(
        conflict("conflict.mentorCapacity", `the mentor has ${total} active pairings (max ${max})`, { count: total, max })
      )
  })

/** A pupil is known by name and school; names are compared as typed, apart from surrounding spaces. */
const requirePupilFree = (pairing: Pick<Pairing, "id" | "menteeType" | "menteeName" | "menteeUnit">) =>
  Effect.gen(function* () {
    if (pairing.menteeType !== "pupil") return
    const name = pairing.menteeName.trim()
    const unit = pairing.menteeUnit.trim()
    const { rows } = yield* activePairings([Q.eq("menteeType", "pupil"), Q.neq("id", pairing.id)])
    if (rows.some((other) => other.menteeName.trim() === name && other.menteeUnit.trim() === unit))
      return yield* Effect.fail(conflict("conflict.pupilHasMentor", "the pupil already has an active mentor"))
  })

/** Declining and ending record why, from the fixed list; "other" has to be explained. */
const decodeClose = (input: unknown) =>
  Effect.gen(function* () {
    const close = yield* decodeInput(PairingClose, input)
    if (close.reason === "other" && close.note.trim() === "")
      return yield* Effect.fail(invalid("note", "validation.noteRequired", "explain the reason"))
    return close
  })

export const PairingsLive = Layer.effect(
  Pairings,
  Effect.gen(function* () {
    const provide = yield* captureDeps

    /** Loads a pairing the actor may change and checks it is in a state the action starts from. */
    const writable = (id: string, allowed: ReadonlyArray<PairingStatus>, action: StatusAction) =>
      writableInStatus("pairings", id, allowed, action, describePairing)

    const close = (id: string, input: unknown, from: PairingStatus, to: PairingStatus, action: StatusAction) =>
      provide(
        Effect.gen(function* () {
          const pairing = yield* writable(id, [from], action)
          const reason = yield* decodeClose(input)
          return yield* updateAudited(
            "pairings",
            pairing,
            { status: to, endReason: reason.reason, endNote: reason.note, endedOn: yield* todayLocal, updatedAt: yield* nowInstant },
            { action }
          )
        })
      )

    return {
      list: (query) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            yield* refuseSensitiveQueryForViewers("pairings", actor, query)
            const result = yield* listScoped("pairings", query)
            return { ...result, rows: result.rows.map((p) => maskPairingFor(actor, p)) }
          })
        ),
      get: (id) => provide(Effect.flatMap(CurrentActor, (actor) => Effect.map(getScoped("pairings", id), (p) => maskPairingFor(actor, p)))),
      getMany: (ids) =>
        provide(
          Effect.flatMap(CurrentActor, (actor) =>
            Effect.map(getManyScoped("pairings", ids), (rows) => rows.map((p) => maskPairingFor(actor, p)))
          )
        ),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const command = yield* decodeInput(PairingCreate, input)
            yield* requireWriteRow(actor, "pairings", command)
            yield* requireRegion("regionCode", command.regionCode)
            yield* checkMentee(command)
            yield* requireActiveMentor(actor, command.mentorId)
            if (command.beneficiaryOrganizationId !== null) yield* requireBeneficiary(actor, command.beneficiaryOrganizationId)
            const now = yield* nowInstant
            return yield* insertAudited("pairings", {
              id: newId() as PairingId,
              ...command,
              status: "proposed",
              startedOn: null,
              endedOn: null,
              endReason: null,
              endNote: "",
              createdAt: now,
              updatedAt: now
            })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const before = yield* writable(id, ["proposed", "active"], "update")
            const patch = yield* decodeInput(PairingUpdate, input)
            const after = { ...before, ...patch }
            yield* checkMentee(after)
            if (after.status === "active" && after.menteeUnit.trim() !== before.menteeUnit.trim()) yield* requirePupilFree(after)
            return yield* updateAudited("pairings", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const store = yield* Store
            const pairing = yield* writable(id, ["proposed", "declined"], "delete")
            const checkIns = yield* store.list("pairing-check-ins", Q.all([Q.eq("pairingId", id)], [], { offset: 0, limit: 1 }))
            if (checkIns.total > 0) return yield* Effect.fail(conflict("conflict.inUse", "the pairing has check-ins"))
            return yield* removeAudited("pairings", pairing)
          })
        ),
      activate: (id) =>
        provide(
          // One transaction, so that two activations at once cannot both pass the limits.
          Effect.flatMap(Store, (store) =>
            store.transaction(
              Effect.gen(function* () {
                const actor = yield* CurrentActor
                const pairing = yield* writable(id, ["proposed"], "activate")
                yield* requireActiveMentor(actor, pairing.mentorId)
                yield* requireMentorCapacity(pairing)
                yield* requirePupilFree(pairing)
                return yield* updateAudited(
                  "pairings",
                  pairing,
                  { status: "active", startedOn: yield* todayLocal, updatedAt: yield* nowInstant },
                  { action: "activate" }
                )
              })
            )
          )
        ),
      decline: (id, input) => close(id, input, "proposed", "declined", "decline"),
      end: (id, input) => close(id, input, "active", "ended", "end"),
      conclude: (id) =>
        provide(
          Effect.gen(function* () {
            // Only from active: concluding twice is a state conflict, not a silent success.
            const pairing = yield* writable(id, ["active"], "conclude")
            return yield* updateAudited(
              "pairings",
              pairing,
              { status: "concluded", endedOn: yield* todayLocal, updatedAt: yield* nowInstant },
              { action: "conclude" }
            )
          })
        )
    }
  })
)
