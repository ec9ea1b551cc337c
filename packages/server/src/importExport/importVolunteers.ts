import {
  actorRegion,
  CurrentActor,
  forbidden,
  invalid,
  type Locale,
  nowInstant,
  Q,
  requireWriter,
  residentIdBirthDate,
  Store,
  toValidationError,
  type Volunteer,
  VolunteerCreate,
  Volunteers,
  YinfaConfig
} from "@yinfa/core"
import { Effect, Either, Schema } from "effect"
import { type ImportOptions, type ImportReport, issuesOfError, type PreparedBatch, runImport } from "./importDriver.js"
import { type ParsedRosterRow, readRoster, regionResolver, ROSTER_HEADER, type RowIssue, rosterColumnOf, rowIssue } from "./parseRoster.js"
import type { TableSource } from "./table.js"

export interface VolunteerImportOptions extends ImportOptions {
  /** Put every row in this region (code, name or short name): the CLI's `--region`. */
  readonly region?: string | null
}

const decodeCreate = Schema.decodeUnknownEither(VolunteerCreate, { errors: "all", onExcessProperty: "ignore" })
type Command = typeof VolunteerCreate.Type

/**
 * The rules of the Volunteers service that need no store, checked here too so that an
 * all-or-nothing import can report every row before it writes anything. The service stays the
 * authority: it checks them again on write.
 */
const ruleIssues = (c: Command, row: number, now: string, locale: Locale): Array<RowIssue> => {
  const out: Array<RowIssue> = []
  const at = (path: string, key: string) => out.push(rowIssue(locale, row, rosterColumnOf(path), key))
  if (c.consentAt > now) at("consentAt", "validation.consentInFuture")
  if (c.healthDataConsentAt !== null && c.healthDataConsentAt > now) at("healthDataConsentAt", "validation.consentInFuture")
  if (c.fitness !== null && c.healthDataConsentAt === null) at("fitness", "validation.fitnessNeedsConsent")
  if (c.idNumber !== null && residentIdBirthDate(c.idNumber) !== c.birthDate) at("idNumber", "validation.idNumber.birthDateMismatch")
  if (c.channels.length === 0) at("channels", "validation.channels")
  return out
}

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
    const rows = readRoster(
      source,
      { regions, utcOffsetMinutes: config.utcOffsetMinutes, locale, forceRegion, defaultRegion: own },
      (header) => {
        ignored = header.ignored
      }
    )[Symbol.asyncIterator]()

    /** First row of the file holding each ID number and phone. */
    const seen = { idNumber: new Map<string, number>(), phone: new Map<string, number>() }
    const regionName = new Map(regions.map((r) => [r.code, r.name]))

    const prepare = (batch: ReadonlyArray<ParsedRosterRow>) =>
      Effect.gen(function* () {
        const now = yield* nowInstant
        const checked = batch.map((parsed) => {
          const issues: Array<RowIssue> = [...parsed.issues]
          let command: Command | null = null
          const decoded = decodeCreate(parsed.input)
          if (Either.isLeft(decoded)) {
            // Fields already reported as unreadable are not reported twice.
            const reported = new Set(issues.map((i) => i.column))
            for (const i of issuesOfError(toValidationError(decoded.left), parsed.row, locale, rosterColumnOf))
              if (!reported.has(i.column)) issues.push(i)
          } else {
            command = decoded.right
            issues.push(...ruleIssues(command, parsed.row, now, locale))
            if (own !== null && command.regionCode !== own)
              issues.push(
                rowIssue(locale, parsed.row, ROSTER_HEADER.region, "import.regionOutOfScope", {
                  region: regionName.get(command.regionCode) ?? command.regionCode
                })
              )
          }
          for (const field of ["idNumber", "phone"] as const) {
            const value = command?.[field] ?? (typeof parsed.input[field] === "string" ? (parsed.input[field] as string) : null)
            if (!value) continue
            const first = seen[field].get(value)
            if (first === undefined) seen[field].set(value, parsed.row)
            else issues.push(rowIssue(locale, parsed.row, ROSTER_HEADER[field], "import.duplicateInFile", { row: first, field }))
          }
          return { row: parsed.row, input: parsed.input, command, issues }
        })

        // Volunteers already stored with the same ID number or phone, in any region: the store
        // is asked directly (one query per field and batch) because the service's list is scoped.
        const existing = new Map<string, Volunteer>()
        for (const field of ["idNumber", "phone"] as const) {
          const values = checked.flatMap((c) => (c.command?.[field] ? [c.command[field] as string] : []))
          if (values.length === 0) continue
          const found = yield* store.list("volunteers", Q.all([Q.in(field, values)]))
          for (const v of found.rows) existing.set(`${field}:${v[field]}`, v)
        }
        const rows = checked.map((c) => {
          const issues = [...c.issues]
          for (const field of ["idNumber", "phone"] as const) {
            const match = c.command?.[field] ? existing.get(`${field}:${c.command[field]}`) : undefined
            if (!match) continue
            // Outside the actor's jurisdiction only the fact is told, not whose record it is.
            issues.push(
              own === null || match.regionCode === own
                ? rowIssue(locale, c.row, ROSTER_HEADER[field], "import.existing", { field, number: match.volunteerNumber })
                : rowIssue(locale, c.row, ROSTER_HEADER[field], "import.existingElsewhere", { field })
            )
          }
          // A row the schema refused always has an issue (it was decoded above).
          return { row: c.row, issues }
        })
        const prepared: PreparedBatch = {
          rows,
          // The batch's valid rows in one service call: the service checks every rule again and
          // answers row by row; the importer's checks above only make the report friendlier.
          write: (positions) => {
            const create = volunteers.createMany(positions.map((i) => checked[i].input))
            // The store refuses the whole batch when someone else registered one of these people
            // between the checks and the write (nothing of it is written). Asked again, the
            // service's checks see that record and refuse only its row; a second refusal is
            // reported on every row of the batch.
            return create.pipe(
              Effect.catchAll(() => create),
              Effect.map((results) =>
                results.map((r, k) => (Either.isLeft(r) ? issuesOfError(r.left, checked[positions[k]].row, locale, rosterColumnOf) : []))
              ),
              Effect.catchAll((e) => Effect.succeed(positions.map((i) => issuesOfError(e, checked[i].row, locale, rosterColumnOf))))
            )
          }
        }
        return prepared
      })

    const report: ImportReport = yield* runImport(rows, prepare, options, () => ignored)
    return report
  })
