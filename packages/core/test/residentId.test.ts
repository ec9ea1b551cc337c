import { describe, expect, it } from "vitest"
import { residentIdBirthDate, residentIdCheckChar, residentIdGender, residentIdProblem } from "../src/domain/residentId.js"

/** The date check as it was first written (through Date.UTC), to hold the faster one against. */
const birthDateThroughDate = (value: string): string | null => {
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
}

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17)

describe("resident ID numbers", () => {
  it("reads the same birth dates as a check through Date, for every day of leap and common years and impossible days", () => {
    for (const year of ["0000", "0099", "0100", "1899", "1900", "1956", "2000", "2023", "2024", "2100"])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const id = `320902${year}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}113`
          expect(residentIdBirthDate(id), id).toBe(birthDateThroughDate(id))
        }
  })

  it("knows 29 February only in leap years", () => {
    expect(residentIdBirthDate("32090220000229113")).toBe("2000-02-29")
    expect(residentIdBirthDate("32090219000229113")).toBeNull()
    expect(residentIdBirthDate("32090219560229113")).toBe("1956-02-29")
    expect(residentIdBirthDate("32090219570229113")).toBeNull()
  })

  it("names the first problem: format, then birth date, then check character", () => {
    const valid = withCheck("32090219560315113")
    expect(residentIdProblem(valid)).toBeNull()
    expect(residentIdProblem(valid.slice(0, 17))).toBe("format")
    expect(residentIdProblem(`0${valid.slice(1)}`)).toBe("format")
    expect(residentIdProblem(withCheck("32090218991231113"))).toBe("birthDate")
    expect(residentIdProblem(withCheck("32090219560230113"))).toBe("birthDate")
    const wrongCheck = valid.slice(0, 17) + (valid[17] === "1" ? "2" : "1")
    expect(residentIdProblem(wrongCheck)).toBe("checkDigit")
  })

  it("refuses a birth date after today, and takes today from the caller when given", () => {
    const born = withCheck("32090220300101113")
    expect(residentIdProblem(born)).toBe("birthDate")
    expect(residentIdProblem(born, new Date(Date.UTC(2030, 0, 1)))).toBeNull()
    expect(residentIdProblem(born, new Date(Date.UTC(2029, 11, 31)))).toBe("birthDate")
    const todayId = withCheck(`320902${new Date().toISOString().slice(0, 10).replace(/-/g, "")}113`)
    expect(residentIdProblem(todayId)).toBeNull()
  })

  it("reads the gender from the 17th digit", () => {
    expect(residentIdGender(withCheck("32090219560315113"))).toBe("male")
    expect(residentIdGender(withCheck("32090219560315124"))).toBe("female")
  })
})
