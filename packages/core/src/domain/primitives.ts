import { Schema } from "effect"
import { residentIdProblem } from "./residentId.js"

/**
 * Shared field schemas. Message annotations return catalogue keys (see i18n/), which
 * `toValidationError` turns into localised field errors.
 */
const key = (k: string) => ({ message: () => k })

export const NonEmptyText = (max: number) =>
  Schema.Trim.pipe(
    Schema.minLength(1, key("validation.required")),
    Schema.maxLength(max, { message: () => `validation.tooLong|max=${max}` })
  )

export const OptionalText = (max: number) => Schema.Trim.pipe(Schema.maxLength(max, { message: () => `validation.tooLong|max=${max}` }))

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * Whether the YYYY-MM-DD at the start of `s` (digits already matched) names a day of the
 * (proleptic Gregorian) calendar. Counted rather than asked of Date: a round trip through Date
 * took a microsecond, and an import checks several dates a row.
 */
const isCalendarDay = (s: string): boolean => {
  const year = Number(s.slice(0, 4))
  const month = Number(s.slice(5, 7))
  const day = Number(s.slice(8, 10))
  if (month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])
}

/** Calendar date, YYYY-MM-DD. */
export const IsoDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, key("validation.date")),
  Schema.filter(isCalendarDay, key("validation.date"))
)
export type IsoDate = typeof IsoDate.Type

/**
 * Wall-clock time in the city's own time zone, YYYY-MM-DDTHH:mm, as bureaus plan activities.
 * Kept without an offset so that month buckets in reports match the local calendar.
 */
export const LocalDateTime = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, key("validation.dateTime")),
  Schema.filter(isCalendarDay, key("validation.dateTime"))
)
export type LocalDateTime = typeof LocalDateTime.Type

/** A moment recorded by the system, ISO 8601 in UTC. */
export const Instant = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, key("validation.instant")))
export type Instant = typeof Instant.Type

export const ResidentIdNumber = Schema.transform(Schema.String, Schema.String, {
  strict: true,
  decode: (s) => s.trim().toUpperCase(),
  encode: (s) => s
}).pipe(
  Schema.filter((s) => {
    const problem = residentIdProblem(s)
    return problem === null ? true : `validation.idNumber.${problem}`
  })
)

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MobilePhone = Schema.Trim.pipe(Schema.pattern(/^1[3-9]\d{9}$/, key("validation.phone")))

/** A contact number: mobile, or a landline with area code and optional extension. */
export const ContactPhone = Schema.Trim.pipe(Schema.pattern(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, key("validation.contactPhone")))

export const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative(key("validation.nonNegative")))
export const PositiveInt = Schema.Int.pipe(Schema.positive(key("validation.positive")))

export const Gender = Schema.Literal("male", "female")
export type Gender = typeof Gender.Type

export const Channel = Schema.Literal("online", "offline", "hybrid")
export type Channel = typeof Channel.Type

/** What a volunteer accepts: online work, work in person, or both. */
export const AcceptedChannel = Schema.Literal("online", "offline")
export type AcceptedChannel = typeof AcceptedChannel.Type
