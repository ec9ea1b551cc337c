import { CHINA_UTC_OFFSET_MINUTES, localDateTimeAt } from "@yinfa/core"
import { createContext, type ReactNode, useContext, useMemo } from "react"

/**
 * The city's wall clock in the dashboard: activity times are the city's wall-clock times, and
 * "today" is the city's date, whatever time zone the browser is set to. Before this the
 * dashboard took the browser's UTC date, which in the city is yesterday until 08:00.
 */
export interface CityClock {
  /** Now, YYYY-MM-DDTHH:mm. */
  readonly now: () => string
  /** Today, YYYY-MM-DD. */
  readonly today: () => string
  /** This year. */
  readonly year: () => number
}

export const cityClock = (utcOffsetMinutes: number, currentMs: () => number = Date.now): CityClock => ({
  now: () => localDateTimeAt(currentMs(), utcOffsetMinutes),
  today: () => localDateTimeAt(currentMs(), utcOffsetMinutes).slice(0, 10),
  year: () => Number(localDateTimeAt(currentMs(), utcOffsetMinutes).slice(0, 4))
})

const CityClockContext = createContext<CityClock>(cityClock(CHINA_UTC_OFFSET_MINUTES))

export const CityClockProvider = ({ utcOffsetMinutes, children }: { readonly utcOffsetMinutes: number; readonly children: ReactNode }) => {
  const clock = useMemo(() => cityClock(utcOffsetMinutes), [utcOffsetMinutes])
  return <CityClockContext.Provider value={clock}>{children}</CityClockContext.Provider>
}

export const useCityClock = (): CityClock => useContext(CityClockContext)
