import { ParseResult } from "effect"
import { type DomainError, ValidationError, type ValidationIssue } from "../errors.js"
import { fieldLabel, type Locale, translate } from "./catalogues.js"
import { en } from "./en.js"
import { translateWithStatus } from "./statusLabels.js"
import { zhCN } from "./zh-CN.js"

export * from "./catalogues.js"
export * from "./statusLabels.js"

/**
 * Schema messages are catalogue keys, optionally with `|name=value` parameters
 * (`validation.tooLong|max=50`). Anything else is Effect's own English text.
 */
const issueFromMessage = (path: string, message: string): ValidationIssue => {
  const [key, ...rest] = message.split("|")
  if (key in zhCN) {
    const params: Record<string, string | number> = {}
    for (const pair of rest) {
      const [name, value] = pair.split("=")
      params[name] = Number.isNaN(Number(value)) ? value : Number(value)
    }
    return { path, key, params, message: translate("en", key, params) }
  }
  if (/is missing/.test(message)) return { path, key: "validation.missing", message: en["validation.missing"] }
  return { path, key: "validation.invalid", params: { detail: message }, message }
}

/** Turns a schema parse error into field-level issues with catalogue keys. */
export const toValidationError = (error: ParseResult.ParseError): ValidationError => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const seen = new Set<string>()
  const out: Array<ValidationIssue> = []
  for (const issue of issues) {
    const path = issue.path.map(String).join(".")
    // One message per field: the first is the most specific.
    if (seen.has(path)) continue
    seen.add(path)
    out.push(issueFromMessage(path, issue.message))
  }
  return new ValidationError({ issues: out })
}

export interface LocalizedError {
  readonly message: string
  /** Field path → message, for forms. */
  readonly errors?: Readonly<Record<string, string>>
}

/** Renders a domain error for a person: one message, and per-field messages for validation. */
export const localizeError = (error: DomainError, locale: Locale): LocalizedError => {
  switch (error._tag) {
    case "ValidationError": {
      const errors: Record<string, string> = {}
      for (const i of error.issues) {
        const text = i.key === "validation.invalid" ? i.message : translate(locale, i.key, i.params)
        if (i.path) errors[i.path] = text
      }
      const first = error.issues[0]
      if (!first) return { message: translate(locale, "validation.invalid", { detail: "" }), errors }
      const text = errors[first.path] ?? translate(locale, first.key, first.params)
      return { message: first.path ? `${fieldLabel(locale, first.path)}: ${text}` : text, errors }
    }
    case "NotFound":
      return { message: translate(locale, "notFound") }
    case "Conflict": {
      const message = translateWithStatus(locale, error.key, error.params)
      return error.field ? { message, errors: { [error.field]: message } } : { message }
    }
    case "Forbidden":
      return { message: translate(locale, error.key, error.params) }
  }
}
