import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { RegionCode } from "../src/domain/ids.js"
import type { ActivityStatus } from "../src/domain/activity.js"
import type { VolunteerStatus } from "../src/domain/volunteer.js"
import { localizeError } from "../src/i18n/index.js"
import { Store } from "../src/ports/Store.js"
import { requireStatus, writableInStatus } from "../src/services/internal/crud.js"
import { volunteerRow } from "./builders.js"
import { as, testBase, tinghuAdmin, viewer } from "./support.js"

const activity = (status: ActivityStatus): { readonly status: ActivityStatus } => ({ status })
const describeActivity = (status: ActivityStatus, action: string) => `activity is ${status}; cannot ${action}`

describe("requireStatus", () => {
  it.effect("lets an allowed status through", () =>
    Effect.gen(function* () {
      yield* requireStatus("activities", activity("draft"), ["draft", "published"], "publish", describeActivity)
    })
  )

  it.effect("refuses any other status with conflict.state: codes and the resource in params, the caller's own detail", () =>
    Effect.gen(function* () {
      const refused = yield* Effect.flip(requireStatus("activities", activity("completed"), ["draft"], "publish", describeActivity))
      expect(refused).toMatchObject({
        _tag: "Conflict",
        key: "conflict.state",
        params: { status: "completed", action: "publish", resource: "activities" },
        detail: "activity is completed; cannot publish"
      })
      // People read the status's label and the action's name, in their language.
      expect(localizeError(refused, "zh-CN").message).toBe("当前状态为“已完成”，不能执行“发布”")
      expect(localizeError(refused, "en").message).toBe('The record is "Completed": "Publish" is not possible')
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
