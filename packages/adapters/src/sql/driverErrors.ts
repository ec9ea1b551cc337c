import { ParseResult } from "effect"

/**
 * What a store says about a failed statement or a row that does not decode, without the
 * personal data in it. Store defects end up in the server's error log (Cause.pretty prints the
 * message), and some drivers quote the offending value: MySQL's "Duplicate entry
 * '320902195803120011' for key …" and "Incorrect string value: '…' for column …", PostgreSQL's
 * "invalid input syntax for type …: "…"" and "value "…" is out of range …". A row that does not decode would print its fields'
 * values through Effect's ParseError. Index, column and constraint names stay: they are what a
 * maintainer needs, and they hold no one's data.
 */
const QUOTED_VALUE =
  /(Duplicate entry |(?:Truncated )?[Ii]ncorrect [\w ]+ value: |invalid input syntax for (?:type )?[\w ]+: |invalid input value for enum [\w."]+: |value (?=["'])|out of range: |malformed [\w ]+ literal: )(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g

/** The driver's message with every quoted value replaced by '…'. */
export const redactDriverMessage = (message: string): string => message.replace(QUOTED_VALUE, "$1'…'")

/** Properties of driver errors that name what failed, never the data: kept on the redacted copy. */
const DIAGNOSTIC_PROPERTIES = ["code", "errno", "sqlState", "constraint", "table", "column", "routine"] as const

/**
 * A copy of a driver error fit to be logged: its message (and the stack's first line) redacted,
 * its diagnostic codes kept, and PostgreSQL's `detail` ("Key (phone)=(138…) already exists") and
 * MySQL's `sql`/`sqlMessage` left behind.
 */
export const redactDriverError = (e: unknown): Error => {
  if (!(e instanceof Error)) return new Error(redactDriverMessage(String(e)))
  const copy = new Error(redactDriverMessage(e.message))
  copy.name = e.name
  if (e.stack !== undefined) copy.stack = e.stack.replace(e.message, copy.message)
  const source = e as unknown as Record<string, unknown>
  for (const key of DIAGNOSTIC_PROPERTIES) if (source[key] !== undefined) Object.assign(copy, { [key]: source[key] })
  return copy
}

/** Why a stored row does not decode: the fields at fault, not their values. */
export const describeDecodeFailure = (e: unknown): string => {
  if (!ParseResult.isParseError(e)) return e instanceof Error ? redactDriverMessage(e.message) : "unknown error"
  const paths = [...new Set(ParseResult.ArrayFormatter.formatErrorSync(e).map((issue) => issue.path.join(".") || "(row)"))]
  return `the fields ${paths.join(", ")} do not match the schema`
}
