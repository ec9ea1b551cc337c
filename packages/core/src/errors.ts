import { Schema } from "effect"

/**
 * The closed set of domain errors. None of them knows about HTTP: the server assigns a status
 * where it declares its endpoints. Each carries a message key of the i18n catalogue plus the
 * parameters the message needs, so any caller can render it in zh-CN or en; `message` is the
 * English rendering for logs and for embedders who do not localise.
 */
const Params = Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number) })
export type MessageParams = typeof Params.Type

export const ValidationIssue = Schema.Struct({
  /** Dotted path of the offending field, e.g. `safetyPlan.insurer`; empty for the whole input. */
  path: Schema.String,
  /** Catalogue key, e.g. `validation.idNumber.checkDigit`. */
  key: Schema.String,
  params: Schema.optional(Params),
  /** English text, used when the key is not in a catalogue. */
  message: Schema.String
})
export type ValidationIssue = typeof ValidationIssue.Type

export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  issues: Schema.Array(ValidationIssue)
}) {
  override get message(): string {
    return this.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")
  }
}

export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  resource: Schema.String,
  id: Schema.String
}) {
  override get message(): string {
    return `${this.resource} ${this.id} not found`
  }
}

export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", {
  key: Schema.String,
  params: Schema.optional(Params),
  /** The field a uniqueness or rule conflict is about, when there is one (for form errors). */
  field: Schema.optional(Schema.String),
  detail: Schema.String
}) {
  override get message(): string {
    return this.detail
  }
}

export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  key: Schema.String,
  params: Schema.optional(Params),
  detail: Schema.String
}) {
  override get message(): string {
    return this.detail
  }
}

export type DomainError = ValidationError | NotFound | Conflict | Forbidden

export const isDomainError = (u: unknown): u is DomainError =>
  u instanceof ValidationError || u instanceof NotFound || u instanceof Conflict || u instanceof Forbidden

/** One-field validation error, the common case in rules. */
export const invalid = (path: string, key: string, message: string, params?: MessageParams) =>
  new ValidationError({ issues: [{ path, key, message, ...(params ? { params } : {}) }] })

export const conflict = (key: string, detail: string, params?: MessageParams, field?: string) =>
  new Conflict({ key, detail, ...(params ? { params } : {}), ...(field ? { field } : {}) })

export const forbidden = (key: string, detail: string, params?: MessageParams) =>
  new Forbidden({ key, detail, ...(params ? { params } : {}) })
