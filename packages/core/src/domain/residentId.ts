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

const FORMAT = /^[1-9]\d{16}[\dX]$/

/** Today's UTC date as YYYY-MM-DD, kept for the day: an import checks 100 000 numbers against it. */
let todayCache = { day: Number.NaN, iso: "" }
const todayIso = (): string => {
  const day = Math.floor(Date.now() / 86_400_000)
  if (day !== todayCache.day) todayCache = { day, iso: new Date(day * 86_400_000).toISOString().slice(0, 10) }
  return todayCache.iso
}

/** Returns what is wrong with an ID number, or null when it is valid. */
export const residentIdProblem = (value: string, today?: Date): ResidentIdProblem | null => {
  if (!FORMAT.test(value)) return "format"
  const birth = residentIdBirthDate(value)
  if (birth === null || birth < "1900" || birth > (today === undefined ? todayIso() : today.toISOString().slice(0, 10))) return "birthDate"
  if (residentIdCheckChar(value) !== value[17]) return "checkDigit"
  return null
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The birth date an ID number encodes, as YYYY-MM-DD, or null when it is not a calendar date. */
export const residentIdBirthDate = (value: string): string | null => {
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  // Years below 100 are refused as before, when Date.UTC read them as 19xx and the year differed.
  if (!(y >= 100) || !(m >= 1 && m <= 12) || !(d >= 1 && d <= (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]))) return null
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
}

/** The gender an ID number encodes: odd 17th digit for men, even for women. */
export const residentIdGender = (value: string): "male" | "female" => (Number(value[16]) % 2 === 1 ? "male" : "female")

/** Shows the region prefix and the check character only: 320902********123X → 3209**********123X. */
export const maskResidentId = (value: string | null | undefined): string | null =>
  value ? `${value.slice(0, 4)}${"*".repeat(10)}${value.slice(14)}` : null

export const maskPhone = (value: string | null | undefined): string | null => (value ? `${value.slice(0, 3)}****${value.slice(7)}` : null)
