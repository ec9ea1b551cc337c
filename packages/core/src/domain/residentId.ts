/**
 * Chinese resident identity numbers (GB 11643-1999): 17 digits and a check character computed
 * with ISO 7064 MOD 11-2. Pure functions so the dashboard can reuse them in its forms.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = "10X98765432"

export const residentIdCheckChar = (first17: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

export type ResidentIdProblem = "format" | "checkDigit" | "birthDate"

/** Returns what is wrong with an ID number, or null when it is valid. */
export const residentIdProblem = (value: string, today: Date = new Date()): ResidentIdProblem | null => {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return "format"
  const birth = residentIdBirthDate(value)
  if (birth === null) return "birthDate"
  const [y] = birth.split("-").map(Number)
  if (y < 1900 || birth > today.toISOString().slice(0, 10)) return "birthDate"
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return "checkDigit"
  return null
}

/** The birth date an ID number encodes, as YYYY-MM-DD, or null when it is not a calendar date. */
export const residentIdBirthDate = (value: string): string | null => {
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
}

/** The gender an ID number encodes: odd 17th digit for men, even for women. */
export const residentIdGender = (value: string): "male" | "female" => (Number(value[16]) % 2 === 1 ? "male" : "female")

/** Shows the region prefix and the check character only: 320902********123X → 3209**********123X. */
export const maskResidentId = (value: string | null | undefined): string | null =>
  value ? `${value.slice(0, 4)}${"*".repeat(10)}${value.slice(14)}` : null

export const maskPhone = (value: string | null | undefined): string | null => (value ? `${value.slice(0, 3)}****${value.slice(7)}` : null)
