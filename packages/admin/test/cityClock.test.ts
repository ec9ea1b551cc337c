import { describe, expect, it } from "vitest"
import { cityClock } from "../src/common/cityClock.js"
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
})
