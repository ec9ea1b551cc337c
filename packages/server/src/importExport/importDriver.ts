import { type CurrentActor, type DomainError, type Locale, localizeError, Store, translate, ValidationError } from "@yinfa/core"
import { Effect } from "effect"
import { type RowIssue, rowIssue } from "./parseRoster.js"

/**
 * The part every import shares: pulling parsed rows from the file in batches, validating them,
 * writing the valid ones through the core services, transactions, progress and the report.
 *
 * Modes:
 * - `all-or-nothing` (default): the whole import is ONE store transaction. Every row is written
 *   through the services as it is read, bad rows or not before it, so that the services check
 *   every row (they are the authority, and they decode each row once) and the report is
 *   complete; after a bad row the transaction is rolled back at the end. A crash or a killed
 *   process mid-way leaves nothing, because nothing was ever committed. The price: the store's
 *   write lock is held for the whole import (on SQLite, other writers wait; on PostgreSQL the
 *   rows stay locked), and the database keeps the uncommitted rows in its journal until the end.
 * - `valid-only`: each batch is its own transaction; bad rows are reported and skipped. A crash
 *   leaves the batches committed before it.
 */
export type ImportMode = "all-or-nothing" | "valid-only"

export interface ImportProgress {
  readonly phase: "reading" | "done"
  /** Data rows read from the file. */
  readonly parsed: number
  /** Rows checked (parsed rows whose batch has been validated). */
  readonly validated: number
  /** Rows written (in all-or-nothing mode: written inside the still-open transaction). */
  readonly written: number
  /** Rows with at least one problem. */
  readonly failed: number
}

export interface ImportOptions {
  readonly mode?: ImportMode
  /** Rows per batch: per transaction in valid-only mode (default 500). */
  readonly batchSize?: number
  readonly locale?: Locale
  readonly onProgress?: (progress: ImportProgress) => void
}

export interface ImportReport {
  readonly mode: ImportMode
  /** Whether the written rows are stored (false when all-or-nothing found a problem). */
  readonly committed: boolean
  /** Data rows in the file (blank rows are not counted). */
  readonly rows: number
  /** Rows without problems. */
  readonly valid: number
  /** Rows stored. */
  readonly written: number
  /** Row by row, in file order: { row, column, message }. */
  readonly issues: ReadonlyArray<RowIssue>
  /** Headers of the file that the import does not use. */
  readonly ignoredColumns: ReadonlyArray<string>
}

/** One row after validation: its problems, or the write that stores it (failing with the row's problems). */
export interface PreparedRow {
  readonly row: number
  readonly issues: ReadonlyArray<RowIssue>
  readonly write: Effect.Effect<void, ReadonlyArray<RowIssue>, CurrentActor> | null
}

/**
 * A batch after validation, for imports that write a batch in one service call (a bulk create):
 * each row's problems, and the write that stores the problem-free rows.
 */
export interface PreparedBatch {
  readonly rows: ReadonlyArray<{ readonly row: number; readonly issues: ReadonlyArray<RowIssue> }>
  /**
   * Stores the rows at these positions of `rows` (each without problems) and answers, in the same
   * order, each one's problems (none: written). A failure or defect is the store's, not a row's.
   */
  readonly write: (positions: ReadonlyArray<number>) => Effect.Effect<ReadonlyArray<ReadonlyArray<RowIssue>>, never, CurrentActor>
}

/** Per-row writes as one batch write that runs them in turn (a row without a write has problems). */
const batchOfRows = (prepared: ReadonlyArray<PreparedRow>): PreparedBatch => ({
  rows: prepared,
  write: (positions) =>
    Effect.forEach(positions, (i) => {
      const write = prepared[i].write
      return write === null
        ? Effect.succeed<ReadonlyArray<RowIssue>>([])
        : Effect.match(write, { onFailure: (issues): ReadonlyArray<RowIssue> => issues, onSuccess: () => [] })
    })
})

/** Domain errors of a service call as report lines of one row. */
export const issuesOfError = (
  error: DomainError,
  row: number,
  locale: Locale,
  columnOf: (path: string) => string
): ReadonlyArray<RowIssue> => {
  switch (error._tag) {
    case "ValidationError":
      return error.issues.map((i) =>
        rowIssue(locale, row, columnOf(i.path), i.key, i.params, i.key === "validation.invalid" ? i.message : undefined)
      )
    case "Conflict":
      // Statuses and actions as people read them (the codes stay in params).
      return [rowIssue(locale, row, columnOf(error.field ?? ""), error.key, error.params, localizeError(error, locale).message)]
    case "Forbidden":
      return [rowIssue(locale, row, error.key === "forbidden.outOfRegion" ? columnOf("regionCode") : "", error.key, error.params)]
    case "NotFound":
      return [rowIssue(locale, row, "", "notFound")]
  }
}

class RollBack {
  readonly _tag = "RollBack"
}

/**
 * Pulls up to `size` items of an async iterator (fewer at its end; none: it is exhausted). One
 * effect per batch, not per row: a 100 000-row import would otherwise spend a noticeable part
 * of its time in the Effect runtime. File-level refusals are ValidationErrors, the rest defects.
 */
export const pullBatch = <A>(iterator: AsyncIterator<A>, size: number): Effect.Effect<Array<A>, ValidationError> =>
  Effect.tryPromise({
    try: async () => {
      const batch: Array<A> = []
      while (batch.length < size) {
        const next = await iterator.next()
        if (next.done) break
        batch.push(next.value)
      }
      return batch
    },
    catch: (e) => e
  }).pipe(Effect.catchAll((e) => (e instanceof ValidationError ? Effect.fail(e) : Effect.die(e))))

/**
 * Runs an import. `prepare` validates one batch (it may read the store) and returns, per row,
 * either its problems or its write; or, for a bulk write, a `PreparedBatch`.
 */
export const runImport = <A extends { readonly row: number }, R>(
  rows: AsyncIterator<A>,
  prepare: (batch: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<PreparedRow> | PreparedBatch, never, R>,
  options: ImportOptions,
  ignoredColumns: () => ReadonlyArray<string>
) =>
  Effect.gen(function* () {
    const store = yield* Store
    const mode = options.mode ?? "all-or-nothing"
    const batchSize = Math.max(1, options.batchSize ?? 500)
    const issues: Array<RowIssue> = []
    const counts = { parsed: 0, validated: 0, written: 0, failed: 0 }
    const progress = (phase: ImportProgress["phase"]) => options.onProgress?.({ phase, ...counts })

    const loop = Effect.gen(function* () {
      let done = false
      while (!done) {
        const batch = yield* pullBatch(rows, batchSize)
        done = batch.length < batchSize
        counts.parsed += batch.length
        if (batch.length === 0) break
        const result = yield* prepare(batch)
        const prepared = Array.isArray(result) ? batchOfRows(result as ReadonlyArray<PreparedRow>) : (result as PreparedBatch)
        counts.validated += batch.length
        const writable: Array<number> = []
        prepared.rows.forEach((p, i) => {
          if (p.issues.length === 0) writable.push(i)
          else {
            issues.push(...p.issues)
            counts.failed++
          }
        })
        if (writable.length > 0) {
          const write = Effect.map(prepared.write(writable), (answers) =>
            answers.forEach((rowIssues) => {
              if (rowIssues.length === 0) counts.written++
              else {
                issues.push(...rowIssues)
                counts.failed++
              }
            })
          )
          yield* mode === "valid-only" ? store.transaction(write) : write
        }
        progress("reading")
      }
      if (mode === "all-or-nothing" && counts.failed > 0) return yield* Effect.fail(new RollBack())
    })

    const committed = yield* (mode === "all-or-nothing" ? store.transaction(loop) : loop).pipe(
      Effect.as(true),
      Effect.catchIf(
        (e): e is RollBack => e instanceof RollBack,
        () => Effect.succeed(false)
      )
    )
    if (!committed) counts.written = 0
    progress("done")
    issues.sort((a, b) => a.row - b.row)
    const report: ImportReport = {
      mode,
      committed: committed && counts.written > 0,
      rows: counts.parsed,
      valid: counts.parsed - counts.failed,
      written: counts.written,
      issues,
      ignoredColumns: ignoredColumns()
    }
    return report
  })

/** The summary line a clerk reads first. */
export const reportSummary = (report: ImportReport, locale: Locale = "zh-CN"): string => {
  const params = { rows: report.rows, written: report.written, failed: report.rows - report.valid }
  const key =
    report.issues.length === 0
      ? "import.summary.done"
      : report.mode === "all-or-nothing"
        ? "import.summary.rolledBack"
        : "import.summary.partly"
  return translate(locale, key, params)
}
