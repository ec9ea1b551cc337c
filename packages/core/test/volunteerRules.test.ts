import { describe, expect, it } from "vitest"
import { type VolunteerRuleFields, volunteerRuleIssues } from "../src/domain/volunteerRules.js"
import { residentId } from "./volunteerInputs.js"

const NOW = "2026-03-01T02:00:00Z"

/** A record every rule accepts: born 1958-03-12, as its ID number says. */
const valid: VolunteerRuleFields = {
  consentAt: "2026-02-20T08:00:00Z",
  healthDataConsentAt: null,
  fitness: null,
  idNumber: residentId("32090219580312001"),
  birthDate: "1958-03-12",
  expertise: ["agri-tech"],
  expertiseYears: { "agri-tech": 30 },
  channels: ["online"]
}

describe("volunteerRuleIssues", () => {
  it("finds nothing wrong with a valid record, nor with one without an ID number or health data", () => {
    expect(volunteerRuleIssues(valid, NOW)).toEqual([])
    expect(volunteerRuleIssues({ ...valid, idNumber: null, birthDate: "1960-01-01" }, NOW)).toEqual([])
    expect(volunteerRuleIssues({ ...valid, healthDataConsentAt: NOW, fitness: "limited" }, NOW)).toEqual([])
  })

  it("reports every broken rule at once, each at its field with its key and English message", () => {
    const issues = volunteerRuleIssues(
      {
        consentAt: "2026-03-02T00:00:00Z",
        healthDataConsentAt: null,
        fitness: "limited",
        idNumber: valid.idNumber,
        birthDate: "1958-03-13",
        expertise: ["agri-tech"],
        expertiseYears: { "agri-tech": 30, "law-mediation": 5 },
        channels: []
      },
      NOW
    )
    expect(issues.map((i) => [i.path, i.key])).toEqual([
      ["consentAt", "validation.consentInFuture"],
      ["fitness", "validation.fitnessNeedsConsent"],
      ["idNumber", "validation.idNumber.birthDateMismatch"],
      ["expertiseYears.law-mediation", "validation.expertiseYearsField"],
      ["channels", "validation.channels"]
    ])
    for (const i of issues) expect(i.message).not.toBe(i.key)
    // A health-data consent in the future is refused like the registration consent.
    expect(volunteerRuleIssues({ ...valid, healthDataConsentAt: "2026-03-02T00:00:00Z" }, NOW).map((i) => [i.path, i.key])).toEqual([
      ["healthDataConsentAt", "validation.consentInFuture"]
    ])
  })
})
