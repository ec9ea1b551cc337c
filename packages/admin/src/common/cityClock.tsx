import { CHINA_UTC_OFFSET_MINUTES, localDateTimeAt } from "@yinfa/core"
import { createContext, type ReactNode, useContext, useMemo } from "react"

/**
 * The city's wall clock in the dashboard: activity times are the city's wall-clock times, and
 * "today" is the city's date, whatever time zone the browser is set to. Before this the
 * dashboard took the browser's UTC date, which in the city is yesterday until 08:00.
 */
export interface CityClock {
  /** The city's offset from UTC, for showing recorded instants on its clock. */
  readonly utcOffsetMinutes: number
  /** Now, YYYY-MM-DDTHH:mm. */
  readonly now: () => string
  /** Today, YYYY-MM-DD. */
  readonly today: () => string
  /** This year. */
  readonly year: () => number
}

export const cityClock = (utcOffsetMinutes: number, currentMs: () => number = Date.now): CityClock => ({
  utcOffsetMinutes,
  now: () => localDateTimeAt(currentMs(), utcOffsetMinutes),
  today: () => localDateTimeAt(currentMs(), utcOffsetMinutes).slice(0, 10),
  year: () => Number(localDateTimeAt(currentMs(), utcOffsetMinutes).slice(0, 4))
})

/** The UTC milliseconds of a city wall-clock time (YYYY-MM-DDTHH:mm, seconds ignored); NaN if it is none. */
const cityWallClockMs = (wallClock: string, utcOffsetMinutes: number): number =>
  Date.parse(`${wallClock.slice(0, 16)}:00.000Z`) - utcOffsetMinutes * 60_000

/** The first instant of a city date (YYYY-MM-DD), as an ISO instant: a "from" filter on recorded instants. */
export const cityDayStart = (date: string, utcOffsetMinutes: number): string =>
  new Date(cityWallClockMs(`${date}T00:00`, utcOffsetMinutes)).toISOString()

/** The last instant of a city date: a "to" filter on recorded instants. */
export const cityDayEnd = (date: string, utcOffsetMinutes: number): string =>
  new Date(cityWallClockMs(`${date}T00:00`, utcOffsetMinutes) + 86_400_000 - 1).toISOString()

/** The city date an instant falls on. */
export const cityDateOf = (instant: string, utcOffsetMinutes: number): string =>
  localDateTimeAt(Date.parse(instant), utcOffsetMinutes).slice(0, 10)

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

/**
 * An instant as the city's wall clock, YYYY-MM-DDTHH:mm (what a date-and-time input shows); not
 * an instant: "". A wall-clock time is returned as it is: react-admin's DateTimeInput formats the
 * value it already formatted once more, and `Date.parse` would read it in the browser's zone.
 */
export const cityWallClockOf = (instant: string, utcOffsetMinutes: number): string => {
  if (WALL_CLOCK.test(instant)) return instant
  const ms = Date.parse(instant)
  return Number.isNaN(ms) ? "" : localDateTimeAt(ms, utcOffsetMinutes)
}

/** The instant at a city wall-clock time (YYYY-MM-DDTHH:mm, seconds ignored); not a time: null. */
export const instantAtCityWallClock = (wallClock: string, utcOffsetMinutes: number): string | null => {
  const ms = cityWallClockMs(wallClock, utcOffsetMinutes)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

const CityClockContext = createContext<CityClock>(cityClock(CHINA_UTC_OFFSET_MINUTES))

export const CityClockProvider = ({ utcOffsetMinutes, children }: { readonly utcOffsetMinutes: number; readonly children: ReactNode }) => {
  const clock = useMemo(() => cityClock(utcOffsetMinutes), [utcOffsetMinutes])
  return <CityClockContext.Provider value={clock}>{children}</CityClockContext.Provider>
}

export const useCityClock = (): CityClock => useContext(CityClockContext)
