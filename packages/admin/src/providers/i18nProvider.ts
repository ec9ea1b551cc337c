import polyglotI18nProvider from "ra-i18n-polyglot"
import type { I18nProvider } from "react-admin"
import { en } from "../i18n/en.js"
import { zhCN } from "../i18n/zh-CN.js"

export const LOCALES = [
  { locale: "zh-CN", name: "简体中文" },
  { locale: "en", name: "English" }
]

/**
 * Chinese first, English on request. `allowMissing` shows a key's English default rather than the
 * raw key if an embedder adds a resource without translating it.
 */
export const createI18nProvider = (initialLocale: "zh-CN" | "en" = "zh-CN"): I18nProvider =>
  polyglotI18nProvider((locale) => (locale === "en" ? en : zhCN), initialLocale, LOCALES, { allowMissing: true })
