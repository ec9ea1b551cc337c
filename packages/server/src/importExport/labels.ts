import { CATEGORIES, ENUM_LABELS as CORE_ENUM_LABELS, EXPERTISE_FIELDS } from "@yinfa/core"

/**
 * Chinese labels of the enumerations, as spreadsheets show them: core's labels (the dashboard
 * uses the same), plus categories, formats and expertise. Files are for bureau clerks: zh-CN only.
 */
export const ENUM_LABELS = {
  ...CORE_ENUM_LABELS["zh-CN"],
  category: Object.fromEntries(CATEGORIES.map((c) => [c.code, c.label["zh-CN"]])),
  expertise: Object.fromEntries(EXPERTISE_FIELDS.map((e) => [e.code, e.label["zh-CN"]])),
  format: Object.fromEntries(CATEGORIES.flatMap((c) => c.formats.map((f) => [f.code, f.label["zh-CN"]])))
} as const satisfies Record<string, Record<string, string>>

export type EnumName = keyof typeof ENUM_LABELS

export const enumLabel = (name: EnumName, value: unknown): string => {
  if (value === null || value === undefined) return ""
  const labels = ENUM_LABELS[name] as Record<string, string>
  return labels[String(value)] ?? String(value)
}

/** A volunteer as lists and reports name them: 王建国（YC2021000001）. */
export const volunteerLabel = (v: { readonly name: string; readonly volunteerNumber: string }): string =>
  `${v.name}（${v.volunteerNumber}）`

export const yesNo = (b: unknown): string => (b === true ? "是" : b === false ? "否" : "")

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
