import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { RegionCode } from "../src/domain/ids.js"
import type { VolunteerStatus } from "../src/domain/volunteer.js"
import { Store } from "../src/ports/Store.js"
import { requireStatus, writableInStatus } from "../src/services/internal/crud.js"
import { volunteerRow } from "./builders.js"
import { as, testBase, tinghuAdmin, viewer } from "./support.js"

type DoorStatus = "open" | "ajar" | "locked"
const door = (status: DoorStatus): { readonly status: DoorStatus } => ({ status })
const describeDoor = (status: DoorStatus, action: string) => `door is ${status}; cannot ${action}`

describe("requireStatus", () => {
  it.effect("lets an allowed status through", () =>
    Effect.gen(function* () {
      yield* requireStatus(door("open"), ["open", "ajar"], "close", describeDoor)
    })
  )

  it.effect("refuses any other status with conflict.state, the shared params and the caller's own detail", () =>
    Effect.gen(function* () {
      const refused = yield* Effect.flip(requireStatus(door("locked"), ["open", "ajar"], "close", describeDoor))
      expect(refused).toMatchObject({
        _tag: "Conflict",
        key: "conflict.state",
        params: { status: "locked", action: "close" },
        detail: "door is locked; cannot close"
      })
    })
  )
})

describe("writableInStatus", () => {
  const describeVolunteer = (status: VolunteerStatus, action: string) => `the volunteer is ${status}: cannot ${action}`
  const pause = (id: string) => writableInStatus("volunteers", id, ["active"], "pause", describeVolunteer)

  it.effect("answers the record when it is in scope, writable and in an allowed status", () =>
    Effect.gen(function* () {
      const store = yield* Store
      const row = yield* Effect.orDie(store.insert("volunteers", volunteerRow()))
      expect(yield* pause(row.id).pipe(as(tinghuAdmin))).toEqual(row)
    }).pipe(Effect.provide(testBase()))
  )

  it.effect("checks scope, then the right to write, then the status", () =>
    Effect.gen(function* () {
      const store = yield* Store
      // Out of scope: NotFound, although its status would allow the action.
      const yandu = yield* Effect.orDie(store.insert("volunteers", volunteerRow({ regionCode: "320903" as RegionCode })))
      expect(yield* Effect.flip(pause(yandu.id).pipe(as(tinghuAdmin)))).toMatchObject({ _tag: "NotFound", id: yandu.id })
      // Read-only: Forbidden, although its status would refuse the action too.
      const archived = yield* Effect.orDie(store.insert("volunteers", volunteerRow({ status: "archived" })))
      expect(yield* Effect.flip(pause(archived.id).pipe(as(viewer)))).toMatchObject({
        _tag: "Forbidden",
        key: "forbidden.readOnly"
      })
      // Writable, in the wrong status: the shared status refusal.
      expect(yield* Effect.flip(pause(archived.id).pipe(as(tinghuAdmin)))).toMatchObject({
        _tag: "Conflict",
        key: "conflict.state",
        params: { status: "archived", action: "pause" },
        detail: "the volunteer is archived: cannot pause"
      })
    }).pipe(Effect.provide(testBase()))
  )
})
