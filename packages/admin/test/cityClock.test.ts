import { describe, expect, it } from "vitest"
import { cityClock, cityDateOf, cityDayEnd, cityDayStart, cityWallClockOf, instantAtCityWallClock } from "../src/common/cityClock.js"
import { formatInstant } from "../src/common/format.js"
import { periodPresets } from "../src/dashboard/periodPresets.js"

describe("the city's clock in the dashboard", () => {
  it("is the city's date and time, not the browser's UTC: at 01:30 on New Year's Day in Yancheng it is already the new year", () => {
    const clock = cityClock(480, () => Date.parse("2026-12-31T17:30:00Z"))
    expect(clock.now()).toBe("2027-01-01T01:30")
    expect(clock.today()).toBe("2027-01-01")
    expect(clock.year()).toBe(2027)
    expect(cityClock(0, () => Date.parse("2026-12-31T17:30:00Z")).today()).toBe("2026-12-31")
  })

  it("the dashboard's periods end on the city's today", () => {
    expect(periodPresets("2027-01-01")).toEqual({
      thisYear: { from: "2027-01-01", to: "2027-01-01" },
      lastYear: { from: "2026-01-01", to: "2026-12-31" },
      last12Months: { from: "2026-02-01", to: "2027-01-01" },
      thisMonth: { from: "2027-01-01", to: "2027-01-01" }
    })
    expect(periodPresets("2026-03-15").last12Months).toEqual({ from: "2025-04-01", to: "2026-03-15" })
  })

  it("a time typed on the city's clock is the instant it names there, and back", () => {
    expect(instantAtCityWallClock("2027-01-01T01:30", 480)).toBe("2026-12-31T17:30:00.000Z")
    expect(instantAtCityWallClock("2027-01-01T01:30:45", 480)).toBe("2026-12-31T17:30:00.000Z")
    expect(cityWallClockOf("2026-12-31T17:30:00.000Z", 480)).toBe("2027-01-01T01:30")
    expect(cityWallClockOf(instantAtCityWallClock("2026-06-15T23:59", 480)!, 480)).toBe("2026-06-15T23:59")
    expect(instantAtCityWallClock("", 480)).toBeNull()
    expect(cityWallClockOf("not an instant", 480)).toBe("")
    // Formatting what is already on the city's clock changes nothing.
    expect(cityWallClockOf("2027-01-01T01:30", 480)).toBe("2027-01-01T01:30")
  })

  it("recorded instants are shown on the city's clock, whatever the browser's zone", () => {
    expect(formatInstant("zh-CN", "2026-12-31T17:30:00.000Z", 480)).toBe("2027年1月1日 01:30")
    expect(formatInstant("en", "2026-12-31T17:30:00.000Z", 480)).toBe("1 Jan 2027, 01:30")
    expect(formatInstant("zh-CN", "not an instant", 480)).toBe("not an instant")
  })

  it("a day of a filter on recorded instants is the city's day", () => {
    expect(cityDayStart("2026-03-20", 480)).toBe("2026-03-19T16:00:00.000Z")
    expect(cityDayEnd("2026-03-20", 480)).toBe("2026-03-20T15:59:59.999Z")
    expect(cityDateOf(cityDayStart("2026-03-20", 480), 480)).toBe("2026-03-20")
    expect(cityDateOf(cityDayEnd("2026-03-20", 480), 480)).toBe("2026-03-20")
    // 01:30 on 20 March in Yancheng is still 19 March in UTC.
    expect(cityDateOf("2026-03-19T17:30:00.000Z", 480)).toBe("2026-03-20")
  })
})
