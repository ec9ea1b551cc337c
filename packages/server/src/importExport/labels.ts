import { CATEGORIES, ENUM_LABELS as CORE_ENUM_LABELS, EXPERTISE_FIELDS, type Locale, translateVerbatim } from "@yinfa/core"

const labelsIn = (locale: Locale) =>
  ({
    ...CORE_ENUM_LABELS[locale],
    category: Object.fromEntries(CATEGORIES.map((c) => [c.code, c.label[locale]])),
    expertise: Object.fromEntries(EXPERTISE_FIELDS.map((e) => [e.code, e.label[locale]])),
    format: Object.fromEntries(CATEGORIES.flatMap((c) => c.formats.map((f) => [f.code, f.label[locale]])))
  }) as const satisfies Record<string, Record<string, string>>

/**
 * Labels of the enumerations as files show them, per language: core's labels (the dashboard
 * uses the same), plus categories, formats and expertise.
 */
export const ENUM_LABELS_BY_LOCALE = { "zh-CN": labelsIn("zh-CN"), en: labelsIn("en") } as const

/** The Chinese labels: what bureau clerks' own sheets hold. */
export const ENUM_LABELS = ENUM_LABELS_BY_LOCALE["zh-CN"]

export type EnumName = keyof typeof ENUM_LABELS

export const enumLabels = (locale: Locale): (typeof ENUM_LABELS_BY_LOCALE)[Locale] => ENUM_LABELS_BY_LOCALE[locale]

export const enumLabel = (name: EnumName, value: unknown, locale: Locale = "zh-CN"): string => {
  if (value === null || value === undefined) return ""
  const labels = ENUM_LABELS_BY_LOCALE[locale][name] as Record<string, string>
  return labels[String(value)] ?? String(value)
}

/** A volunteer as lists and reports name them: 王建国（YC2021000001）, Wang Jianguo (YC2021000001). */
export const volunteerLabel = (v: { readonly name: string; readonly volunteerNumber: string }, locale: Locale = "zh-CN"): string =>
  translateVerbatim(locale, "file.volunteerLabel", { name: v.name, number: v.volunteerNumber })

export const yesNo = (b: unknown, locale: Locale = "zh-CN"): string =>
  b === true ? translateVerbatim(locale, "file.yes") : b === false ? translateVerbatim(locale, "file.no") : ""

/** A region as a reader of `locale` names it: its English name in English, where it has one. */
export const regionLabel = (region: { readonly name: string; readonly nameEn: string }, locale: Locale = "zh-CN"): string =>
  locale === "en" && region.nameEn.trim() !== "" ? region.nameEn : region.name

/**
 * An expertise field with its years, as exports write it and templates show it (the import reads
 * it back): 农业科技（30年）, Agricultural technology (30 years).
 */
export const expertiseWithYears = (label: string, years: number, locale: Locale = "zh-CN"): string =>
  translateVerbatim(locale, years === 1 ? "file.expertiseOneYear" : "file.expertiseYears", { label, years })

/** The values of a multi-valued cell joined as the language writes lists: 、 in Chinese, ", " in English. */
export const joinList = (values: ReadonlyArray<string>, locale: Locale = "zh-CN"): string =>
  values.join(translateVerbatim(locale, "file.listSeparator"))

/**
 * What people type into a cell, made comparable: full-width letters, digits and spaces become
 * ASCII (NFKC), white space of any kind (line breaks in header cells too) goes, latin lower case.
 */
export const normalizeText = (s: string): string =>
  s
    .normalize("NFKC")
    .replace(/[\s\u3000\u200b\ufeff]+/g, "")
    .toLowerCase()

/**
 * A header cell as a matching key: normalised, without the "*" that marks required columns and
 * without notes in brackets ("出生日期（YYYY-MM-DD）").
 */
export const normalizeHeader = (s: string): string =>
  normalizeText(s)
    .replace(/[*＊]/g, "")
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, "")

/** Separators of multi-valued cells. "/" is not one: the label 法律/调解 contains it. */
export const splitList = (s: string): Array<string> =>
  s
    .normalize("NFKC")
    .split(/[、,，;；\n|｜]+|\s{1,}/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0)

/** The columns text takes in a sheet: Chinese (and other wide) characters two, latin letters one. */
export const displayWidth = (s: string): number => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? 1 : 2), 0)
