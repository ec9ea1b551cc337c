import { stat } from "node:fs/promises"
import {
  actorRegion,
  CurrentActor,
  forbidden,
  invalid,
  nowInstant,
  Q,
  requireWriter,
  Store,
  todayLocal,
  toValidationError,
  ValidationError,
  type Volunteer,
  VolunteerCreate,
  Volunteers,
  volunteerRuleIssues,
  withVolunteerDefaults,
  YinfaConfig
} from "@yinfa/core"
import { Effect, Either, Schema } from "effect"
import { type ImportOptions, type ImportReport, issuesOfError, type PreparedBatch, runImport } from "./importDriver.js"
import { type ParsedRosterRow, readRoster, regionResolver, type RowIssue, rosterColumnOf, rosterHeaders, rowIssue } from "./parseRoster.js"
import { readRosterInWorker, rosterWorkerEntry } from "./readRosterInWorker.js"
import type { TableHeader, TableSource } from "./table.js"

export interface VolunteerImportOptions extends ImportOptions {
  /** Put every row in this region (code, name or short name): the CLI's `--region`. */
  readonly region?: string | null
  /**
   * Read and parse the file in a worker thread, beside the validation and writes (default: for
   * files of READ_IN_WORKER_FROM_BYTES and more; a small file is read sooner than a thread starts).
   */
  readonly readInWorker?: boolean
  /** The reader thread's heap bound in MB (0: none); default `readerHeapMb()` (YINFA_IMPORT_READER_HEAP_MB). */
  readonly readerHeapMb?: number
}

/** From this size on, a roster is read in a worker thread (~10 000 rows). */
export const READ_IN_WORKER_FROM_BYTES = 1024 * 1024

const sourceSize = (source: TableSource) =>
  "bytes" in source
    ? Effect.succeed(source.bytes.byteLength)
    : Effect.promise(() =>
        stat(source.path).then(
          (s) => s.size,
          () => 0
        )
      )

const stringOrNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null)

/** Only for rows the parser already refused: their other problems belong in the report too. */
const decodeCreate = Schema.decodeUnknownEither(VolunteerCreate, { errors: "all", onExcessProperty: "ignore" })

/**
 * Imports a volunteer roster (.xlsx or .csv) through the Volunteers service, so volunteer
 * numbers, consent rules, uniqueness and the audit log apply as for a form. Rows duplicating
 * another row of the file, or a volunteer already stored (same ID number or phone), are
 * reported and never written. A region admin imports into their own region only.
 */
export const importVolunteers = (source: TableSource, options: VolunteerImportOptions = {}) =>
  Effect.gen(function* () {
    const volunteers = yield* Volunteers
    const store = yield* Store
    const config = yield* YinfaConfig
    const actor = yield* CurrentActor
    const locale = options.locale ?? "zh-CN"
    // The report names columns as the report's reader reads them, whatever the file's language.
    const headers = rosterHeaders(locale)
    const columnOf = (path: string) => rosterColumnOf(path, locale)
    yield* requireWriter(actor)
    const regions = (yield* store.list("regions", Q.all())).rows
    const own = actorRegion(actor)
    let forceRegion: string | null = null
    if (options.region) {
      const found = regionResolver(regions)(options.region)
      if (found === null || !("ok" in found))
        return yield* Effect.fail(
          invalid("region", "validation.unknownRegion", `no such region: ${options.region}`, { region: options.region })
        )
      if (own !== null && found.ok !== own)
        return yield* Effect.fail(forbidden("forbidden.outOfRegion", "this record belongs to another region", { region: options.region }))
      forceRegion = found.ok
    }
    let ignored: ReadonlyArray<string> = []
    const context = { regions, utcOffsetMinutes: config.utcOffsetMinutes, locale, forceRegion, defaultRegion: own }
    const onHeader = (header: TableHeader) => {
      ignored = header.ignored
    }
    const inWorker = options.readInWorker ?? ((yield* sourceSize(source)) >= READ_IN_WORKER_FROM_BYTES && rosterWorkerEntry() !== null)
    const rows = (
      inWorker
        ? readRosterInWorker(source, context, onHeader, options.readerHeapMb === undefined ? {} : { heapMb: options.readerHeapMb })
        : readRoster(source, context, onHeader)
    )[Symbol.asyncIterator]()

    /** First row of the file holding each ID number and phone. */
    const seen = { idNumber: new Map<string, number>(), phone: new Map<string, number>() }
    const regionName = new Map<string, string>(regions.map((r) => [r.code, r.name]))

    const prepare = (batch: ReadonlyArray<ParsedRosterRow>) =>
      Effect.gen(function* () {
        const now = yield* nowInstant
        const today = yield* todayLocal
        const checked = batch.map((parsed) => {
          const issues: Array<RowIssue> = [...parsed.issues]
          if (issues.length > 0) {
            // The row will not be written: the schema's findings complete its report here. Fields
            // already reported as unreadable are not reported twice. Rows the parser accepted are
            // checked by the Volunteers service alone, when written (one decoding per row).
            const decoded = decodeCreate(parsed.input)
            const found = Either.isLeft(decoded)
              ? toValidationError(decoded.left)
              : new ValidationError({ issues: volunteerRuleIssues(withVolunteerDefaults(decoded.right, today), now) })
            const reported = new Set(issues.map((i) => i.column))
            for (const i of issuesOfError(found, parsed.row, locale, columnOf)) if (!reported.has(i.column)) issues.push(i)
          }
          // Said here in the import's own words (the service would refuse the row as forbidden).
          if (issues.length === 0 && own !== null && parsed.input.regionCode !== own)
            issues.push(
              rowIssue(locale, parsed.row, headers.region, "import.regionOutOfScope", {
                region: regionName.get(String(parsed.input.regionCode)) ?? String(parsed.input.regionCode)
              })
            )
          // The parser normalised ID numbers and phones (full-width digits, spaces, dashes).
          const identifiers = { idNumber: stringOrNull(parsed.input.idNumber), phone: stringOrNull(parsed.input.phone) }
          for (const field of ["idNumber", "phone"] as const) {
            const value = identifiers[field]
            if (value === null) continue
            const first = seen[field].get(value)
            if (first === undefined) seen[field].set(value, parsed.row)
            else issues.push(rowIssue(locale, parsed.row, headers[field], "import.duplicateInFile", { row: first, field }))
          }
          return { row: parsed.row, input: parsed.input, identifiers, issues }
        })

        // Volunteers already stored with the same ID number or phone, in any region: the store
        // is asked directly (one query per field and batch) because the service's list is scoped.
        // The service would refuse them too; asking here lets the report name the record.
        const existing = new Map<string, Volunteer>()
        for (const field of ["idNumber", "phone"] as const) {
          const values = checked.flatMap((c) => (c.issues.length === 0 && c.identifiers[field] !== null ? [c.identifiers[field]] : []))
          if (values.length === 0) continue
          const found = yield* store.list("volunteers", Q.all([Q.in(field, values)]))
          for (const v of found.rows) existing.set(`${field}:${v[field]}`, v)
        }
        const rows = checked.map((c) => {
          const issues = [...c.issues]
          for (const field of ["idNumber", "phone"] as const) {
            const match = c.identifiers[field] !== null ? existing.get(`${field}:${c.identifiers[field]}`) : undefined
            if (!match) continue
            // Outside the actor's jurisdiction only the fact is told, not whose record it is.
            issues.push(
              own === null || match.regionCode === own
                ? rowIssue(locale, c.row, headers[field], "import.existing", { field, number: match.volunteerNumber })
                : rowIssue(locale, c.row, headers[field], "import.existingElsewhere", { field })
            )
          }
          return { row: c.row, issues }
        })
        const prepared: PreparedBatch = {
          rows,
          // The batch's rows in one service call: the service decodes and checks every rule
          // (jurisdiction included) and answers row by row.
          write: (positions) => {
            const create = volunteers.createMany(positions.map((i) => checked[i].input))
            // The store refuses the whole batch when someone else registered one of these people
            // between the checks and the write (nothing of it is written). Asked again, the
            // service's checks see that record and refuse only its row; a second refusal is
            // reported on every row of the batch.
            return create.pipe(
              Effect.catchAll(() => create),
              Effect.map((results) =>
                results.map((r, k) => (Either.isLeft(r) ? issuesOfError(r.left, checked[positions[k]].row, locale, columnOf) : []))
              ),
              Effect.catchAll((e) => Effect.succeed(positions.map((i) => issuesOfError(e, checked[i].row, locale, columnOf))))
            )
          }
        }
        return prepared
      })

    // An import that stops early (a defect, an interruption) ends the reader too: its worker thread would keep the process alive.
    const report: ImportReport = yield* runImport(rows, prepare, options, () => ignored).pipe(
      Effect.ensuring(Effect.promise(async () => void (await rows.return?.(undefined))))
    )
    return report
  })
