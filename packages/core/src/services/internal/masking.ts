import type { Volunteer } from "../../domain/volunteer.js"
import { maskSensitive } from "./audit.js"

/** The fields of a volunteer that only `reveal` shows in clear. */
export const VOLUNTEER_SENSITIVE_FIELDS = ["idNumber", "phone", "birthDate", "fitness"] as const
export type VolunteerSensitiveField = (typeof VOLUNTEER_SENSITIVE_FIELDS)[number]

/**
 * The birth year is kept because age bands and "is this the right person" checks need it; the
 * day and month are not. `YYYY-**-**` is used rather than a plausible date such as `YYYY-01-01`
 * so that nobody mistakes a masked value for a recorded one.
 */
export const maskBirthDate = (birthDate: string): string => `${birthDate.slice(0, 4)}-**-**`

/** How each sensitive field of this volunteer looks to someone who may not see it in clear. */
export const maskedVolunteerFields = (v: Volunteer): Record<VolunteerSensitiveField, unknown> => ({
  idNumber: maskSensitive("idNumber", v.idNumber),
  phone: maskSensitive("phone", v.phone),
  birthDate: maskBirthDate(v.birthDate),
  // Absent health data stays null: whether it exists is already told by healthDataConsentAt.
  fitness: maskSensitive("fitness", v.fitness)
})

/**
 * A volunteer as lists, look-ups, matching results and exports show it. The masked values do not
 * satisfy the field schemas (that is the point: a masked record can never be saved back as data),
 * so never decode or persist the result; the type stays `Volunteer` for display code's sake.
 */
export const maskVolunteer = (v: Volunteer): Volunteer => ({ ...v, ...maskedVolunteerFields(v) }) as Volunteer
