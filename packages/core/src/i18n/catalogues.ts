/**
 * The message catalogues and the translation of one message: plain data and string work, no
 * Effect, so a browser app can show yinfa's texts without loading the schema library.
 */
import type { MessageParams, ValidationIssue } from "../errors.js"
import { en } from "./en.js"
import { type MessageKey, zhCN } from "./zh-CN.js"

export type Locale = "zh-CN" | "en"
export { en, zhCN, type MessageKey }

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { "zh-CN": zhCN, en }

/** zh-CN unless the Accept-Language (or any locale string) asks for English first. */
export const pickLocale = (acceptLanguage: string | null | undefined): Locale => {
  if (!acceptLanguage) return "zh-CN"
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? ""
  return first.startsWith("en") ? "en" : "zh-CN"
}

const fill = (template: string, params: MessageParams, render: (value: string) => string): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    return value === undefined ? `{${name}}` : render(String(value))
  })

const template = (locale: Locale, key: string): string => CATALOGUES[locale][key] ?? CATALOGUES.en[key] ?? key

export const translate = (locale: Locale, key: string, params: MessageParams = {}): string => {
  // Field and safety-plan part names inside messages (one, or a comma list) are translated
  // when the catalogue knows them, so "transport, risksDisclosed" reads as Chinese.
  const catalogue = CATALOGUES[locale]
  const word = (token: string) => catalogue[`field.${token}`] ?? catalogue[`safetyPlan.${token}`] ?? token
  return fill(template(locale, key), params, (value) =>
    value
      .split(", ")
      .map(word)
      .join(locale === "zh-CN" ? "、" : ", ")
  )
}

/**
 * A message with its values put in as they are: file names, numbers, sentences already in the
 * reader's language. `translate` would read a value such as "title" or "a, b" as field names.
 */
export const translateVerbatim = (locale: Locale, key: string, params: MessageParams = {}): string =>
  fill(template(locale, key), params, (value) => value)

/** One issue of a ValidationError, its English message rendered from the catalogue. */
export const catalogueIssue = (path: string, key: string, params?: MessageParams): ValidationIssue => ({
  path,
  key,
  message: translate("en", key, params),
  ...(params ? { params } : {})
})

/** A field's label from the catalogue (`field.<name>`), or its path when there is none. */
export const fieldLabel = (locale: Locale, path: string): string => {
  const top = path.split(".")[0]
  return CATALOGUES[locale][`field.${top}`] ?? path
}
