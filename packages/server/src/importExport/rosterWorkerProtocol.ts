import type { ValidationIssue } from "@yinfa/core"

/** What the roster worker starts with (structured-cloned into the worker). */
export interface RosterWorkerData<Source, Context> {
  readonly source: Source
  readonly ctx: Context
  /** Rows per message. */
  readonly batchSize: number
  /** Batches the worker may post before the reader asks for more ("more" per batch taken). */
  readonly batchesAhead: number
}

/** What the roster worker posts, in order: the header once, rows, then end, refused or failed. */
export type RosterWorkerMessage<Row> =
  | {
      readonly kind: "header"
      readonly found: ReadonlyArray<readonly [string, string]>
      readonly ignored: ReadonlyArray<string>
      readonly format: "xlsx" | "csv"
    }
  | { readonly kind: "rows"; readonly rows: ReadonlyArray<Row> }
  | { readonly kind: "end" }
  | { readonly kind: "refused"; readonly issues: ReadonlyArray<ValidationIssue> }
  | { readonly kind: "failed"; readonly message: string; readonly stack: string }
