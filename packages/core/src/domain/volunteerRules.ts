import type { ValidationIssue } from "../errors.js"
import { catalogueIssue as issue } from "../i18n/catalogues.js"
import { residentIdBirthDate } from "./residentId.js"
import type { Volunteer } from "./volunteer.js"

/** What the record rules read of a volunteer (a new one's decoded input has all of it). */
export type VolunteerRuleFields = Pick<
  Volunteer,
  "consentAt" | "healthDataConsentAt" | "fitness" | "idNumber" | "birthDate" | "expertise" | "expertiseYears" | "channels"
>

/**
 * The rules a volunteer record must satisfy beyond its field schemas, checked on the whole
 * record (on update: the stored record with the changes applied) and reported together so a
 * form can mark every bad field at once. The Volunteers service applies them on every write; an
 * import applies them to rows it reports without writing.
 */
export const volunteerRuleIssues = (v: VolunteerRuleFields, now: string): Array<ValidationIssue> => {
  const issues: Array<ValidationIssue> = []
  const nowMs = Date.parse(now)
  if (Date.parse(v.consentAt) > nowMs) issues.push(issue("consentAt", "validation.consentInFuture"))
  if (v.healthDataConsentAt !== null && Date.parse(v.healthDataConsentAt) > nowMs)
    issues.push(issue("healthDataConsentAt", "validation.consentInFuture"))
  if (v.fitness !== null && v.healthDataConsentAt === null) issues.push(issue("fitness", "validation.fitnessNeedsConsent"))
  if (v.idNumber !== null && residentIdBirthDate(v.idNumber) !== v.birthDate)
    issues.push(issue("idNumber", "validation.idNumber.birthDateMismatch"))
  const chosen = new Set<string>(v.expertise)
  const stray = Object.keys(v.expertiseYears).filter((field) => !chosen.has(field))
  if (stray.length > 0) issues.push(issue(`expertiseYears.${stray[0]}`, "validation.expertiseYearsField"))
  if (v.channels.length === 0) issues.push(issue("channels", "validation.channels"))
  return issues
}
