import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { requireStatus } from "../src/services/internal/crud.js"

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
