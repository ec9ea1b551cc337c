import { Schema } from "effect"
import { AuditEntryId } from "./ids.js"
import { Instant } from "./primitives.js"

/** A field's value before and after a write; sensitive values are masked before they get here. */
export const FieldChange = Schema.Struct({ before: Schema.Unknown, after: Schema.Unknown })

/** One write (or one read of sensitive data), kept in the same transaction as the change. */
export const AuditEntry = Schema.Struct({
  id: AuditEntryId,
  at: Instant,
  actorId: Schema.String,
  actorName: Schema.String,
  actorRole: Schema.String,
  resource: Schema.String,
  recordId: Schema.String,
  /** create, update, delete, a workflow action (publish, attend …), or read-sensitive. */
  action: Schema.String,
  /** The region of the record, for scoping the log itself; null for city-wide records. */
  regionCode: Schema.NullOr(Schema.String),
  changes: Schema.Record({ key: Schema.String, value: FieldChange }),
  /** Free text such as an override reason. */
  note: Schema.String
})
export type AuditEntry = typeof AuditEntry.Type
