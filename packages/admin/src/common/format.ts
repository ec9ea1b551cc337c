/**
 * Dates, numbers and hours in the reader's language (Intl): 2025年3月1日 09:00 · 1,234.5 小时.
 * Calendar dates and activity times are wall-clock values without an offset, so they are
 * formatted in UTC to show exactly what was entered; recorded instants are shown on the city's
 * clock (its offset from UTC), as exports and the server show them, whatever the browser's zone.
 */
export type Locale = string

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : "zh-CN")

export const formatDate = (locale: Locale, value: string | null | undefined): string => {
  if (!value) return ""
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return value
  return new Intl.DateTimeFormat(intlLocale(locale), { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(d)
}

export const formatLocalDateTime = (locale: Locale, value: string | null | undefined): string => {
  if (!value) return ""
  const d = new Date(`${value.slice(0, 16)}:00Z`)
  if (Number.isNaN(d.getTime())) return value
  return new Intl.DateTimeFormat(intlLocale(locale), {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC"
  }).format(d)
}

export const formatInstant = (locale: Locale, value: string | null | undefined, utcOffsetMinutes: number): string => {
  if (!value) return ""
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) return value
  const wallClock = new Date(ms + utcOffsetMinutes * 60_000)
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone: "UTC" }).format(
    wallClock
  )
}

export const formatNumber = (locale: Locale, value: number | null | undefined, maximumFractionDigits = 1): string =>
  value === null || value === undefined ? "" : new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(value)

/** YYYY-MM → 2025年3月 / Mar 2025, for chart axes. */
export const formatMonth = (locale: Locale, month: string): string => {
  const d = new Date(`${month}-01T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return month
  return new Intl.DateTimeFormat(intlLocale(locale), { year: "numeric", month: "short", timeZone: "UTC" }).format(d)
}
