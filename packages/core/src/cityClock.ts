/**
 * The city's wall clock, without Effect: the dashboard's first load imports it (docs/admin.md,
 * "Loading"), and the services' `nowLocal` is built on it.
 */

/** China Standard Time, UTC+8: every city yinfa serves, and the configuration's default. */
export const CHINA_UTC_OFFSET_MINUTES = 480

/** The city's wall-clock time at `ms`, YYYY-MM-DDTHH:mm: what activity times are compared with. */
export const localDateTimeAt = (ms: number, utcOffsetMinutes: number): string =>
  new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16)
