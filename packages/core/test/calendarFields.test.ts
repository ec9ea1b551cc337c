import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { IsoDate, LocalDateTime } from "../src/domain/primitives.js"

const accepts = (schema: Schema.Schema<string>, value: string) => Either.isRight(Schema.decodeUnknownEither(schema)(value))

describe("calendar fields", () => {
  it("IsoDate accepts the days of the calendar, leap days included", () => {
    for (const day of ["2024-02-29", "2000-02-29", "2021-01-31", "2021-04-30", "2021-12-31", "1958-03-12", "0001-01-01", "9999-12-31"])
      expect(accepts(IsoDate, day), day).toBe(true)
  })

  it("IsoDate refuses days the calendar lacks and malformed text", () => {
    for (const day of [
      "2023-02-29",
      "1900-02-29",
      "2100-02-29",
      "2021-04-31",
      "2021-02-30",
      "2021-13-01",
      "2021-00-10",
      "2021-01-00",
      "2021-1-01",
      "2021-01-01T00:00",
      ""
    ])
      expect(accepts(IsoDate, day), day).toBe(false)
  })

  it("agrees with Date on every day of four centuries and their edges", () => {
    const byDate = (s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
    const pad = (n: number, w = 2) => String(n).padStart(w, "0")
    for (const year of [1899, 1900, 1904, 1999, 2000, 2023, 2024, 2100, 2400])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const s = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
          expect(accepts(IsoDate, s), s).toBe(byDate(s))
        }
  })

  it("LocalDateTime takes a calendar day and a time of day from 00:00 to 23:59", () => {
    for (const ok of ["2021-03-08T00:00", "2021-03-08T09:30", "2024-02-29T23:59"]) expect(accepts(LocalDateTime, ok), ok).toBe(true)
    for (const bad of [
      "2021-03-08T24:00",
      "2021-03-08T12:60",
      "2021-03-08T99:00",
      "2023-02-29T10:00",
      "2021-03-08 09:30",
      "2021-03-08T9:30"
    ])
      expect(accepts(LocalDateTime, bad), bad).toBe(false)
  })
})
