import { Clock, Effect } from "effect"

/**
 * A clock stopped at one moment. The demo replays a year of work by running the real services
 * "at" the time each step happened, so every record obeys the same rules as live data.
 */
const stoppedClock = (ms: number): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => ms,
  currentTimeMillis: Effect.succeed(ms),
  unsafeCurrentTimeNanos: () => BigInt(ms) * 1_000_000n,
  currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  sleep: () => Effect.void
})

export const at =
  (ms: number) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withClock(effect, stoppedClock(ms))

/** Milliseconds of a city wall-clock time (UTC+8) such as 2026-03-08T09:00. */
export const localToMs = (local: string, utcOffsetMinutes: number): number => Date.parse(`${local}:00Z`) - utcOffsetMinutes * 60_000

export const msToLocal = (ms: number, utcOffsetMinutes: number): string =>
  new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16)
