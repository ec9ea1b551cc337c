import { Clock, Effect } from "effect"
import { localDateTimeAt } from "./cityClock.js"
import { YinfaConfig } from "./config.js"

/** Now as an Instant (UTC ISO). Uses Effect's Clock so tests can move time. */
export const nowInstant = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())

/** The city's wall-clock now, YYYY-MM-DDTHH:mm. */
export const nowLocal = Effect.gen(function* () {
  const config = yield* YinfaConfig
  return localDateTimeAt(yield* Clock.currentTimeMillis, config.utcOffsetMinutes)
})

/** Today's date in the city, YYYY-MM-DD. */
export const todayLocal = Effect.map(nowLocal, (s) => s.slice(0, 10))

/** Hours between two local date-times. */
export const hoursBetween = (startsAt: string, endsAt: string): number =>
  (Date.parse(`${endsAt}:00Z`) - Date.parse(`${startsAt}:00Z`)) / 3_600_000

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * The date that is `n` working days after `date`: weekends and listed holidays skipped, listed
 * make-up days (调休) counted.
 */
export const addWorkingDays = (
  date: string,
  n: number,
  calendar: { readonly holidays: ReadonlyArray<string>; readonly extraWorkingDays: ReadonlyArray<string> }
): string => {
  let d = date
  let left = n
  while (left > 0) {
    d = addDays(d, 1)
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay()
    const working = calendar.extraWorkingDays.includes(d) || (weekday !== 0 && weekday !== 6 && !calendar.holidays.includes(d))
    if (working) left--
  }
  return d
}
