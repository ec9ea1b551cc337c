import { TestClock } from "effect"
import { residentIdCheckChar } from "../src/domain/residentId.js"

/**
 * Registration inputs for the Volunteers service tests (what a form or an import row sends),
 * as opposed to the stored rows of builders.ts.
 */

/** A resident ID with a correct check character. */
export const residentId = (first17: string) => first17 + residentIdCheckChar(first17)
/** The same ID number with a wrong check character. */
export const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === "1" ? "2" : "1")

/** 2026-03-01 10:00 in Yancheng: after every consent date of the inputs. */
export const atMarch2026 = TestClock.setTime(Date.parse("2026-03-01T02:00:00Z"))

/** A valid registration in Tinghu, consent given 2026-02-20; `overrides` replace fields. */
export const volunteerInput = (
  fields: { readonly name: string; readonly birthDate: string; readonly idNumber: string; readonly phone: string },
  overrides: Record<string, unknown> = {}
) => ({
  name: fields.name,
  gender: "male",
  birthDate: fields.birthDate,
  idNumber: fields.idNumber,
  phone: fields.phone,
  regionCode: "320902",
  formerUnit: "亭湖区农业农村局",
  expertise: ["agri-tech"],
  expertiseYears: { "agri-tech": 30 },
  consentAt: "2026-02-20T08:00:00Z",
  ...overrides
})
