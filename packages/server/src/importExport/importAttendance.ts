import {
  Activities,
  type Activity,
  CurrentActor,
  type Locale,
  maskSensitive,
  type Participation,
  Participations,
  Q,
  Store,
  requireWriter,
  type Volunteer,
  Volunteers
} from "@yinfa/core"
import { Effect } from "effect"
import { type ImportOptions, type ImportReport, issuesOfError, type PreparedBatch, runImport } from "./importDriver.js"
import { volunteerLabel } from "./labels.js"
import { fileError, readTable, type TableSource } from "./table.js"
import {
  ATTENDANCE_COLUMNS,
  attendanceHeaders,
  comparableName,
  type ParsedAttendanceRow,
  parseAttendanceRow,
  type RowIssue,
  rowIssue
} from "./parseRoster.js"

/** The sheet's column that a field of the Participations service's input belongs to, by its header in `locale`. */
const columnOfField = (locale: Locale) => {
  const headers = attendanceHeaders(locale)
  const columns: Readonly<Record<string, string>> = {
    hours: headers.hours,
    feedback: headers.note,
    activityId: headers.activity,
    volunteerId: headers.volunteerNumber
  }
  return (path: string): string => (Object.hasOwn(columns, path) ? columns[path] : "")
}

/** The columns that identify a volunteer: at least one of them must be in the sheet. */
const identifyingColumns = (locale: Locale) => {
  const headers = attendanceHeaders(locale)
  return [headers.volunteerNumber, headers.idNumber, headers.phone].join(" / ")
}

/** Values per `in` filter: whatever the batch size, a look-up stays far below every database's parameter limit. */
const LOOKUP_CHUNK = 500

const chunksOf = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** A row with its volunteer and activity found, ready to be written. */
interface Attendance {
  readonly row: number
  readonly volunteer: Volunteer
  readonly activity: Activity
  readonly hours: number | null
  readonly note: string
}

const pairOf = (volunteerId: string, activityId: string) => `${volunteerId}|${activityId}`

/**
 * Two status refusals of `attend` told in the import's own words: an absence is final in the
 * service, and a sign-up on the wait list (a new one, when the activity is full) has no place.
 */
const explainRefusal = (locale: Locale, issue: RowIssue): RowIssue => {
  if (issue.key !== "conflict.state" || issue.params?.action !== "attend") return issue
  const { status } = issue.params
  if (status === "absent") return rowIssue(locale, issue.row, issue.column, "import.attendanceAbsent", issue.params)
  if (status === "waitlisted") return rowIssue(locale, issue.row, issue.column, "import.activityFull", issue.params)
  return issue
}

/**
 * Imports an attendance sheet (签到表): for each row, finds the volunteer (by number, else ID
 * number, else phone) and the activity (by id, else by a title that is unique in the actor's
 * scope), then records the attendance with its hours through the Participations service, on the
 * volunteer's sign-up: a sign-up is created when there is none, or only a withdrawn one (sign-up
 * rules apply), then `attend` (hours bounds, late-recording flag, the hour ledger and audit
 * entries). An absence stays as recorded: the service does not turn `absent` into `attended`,
 * and the row says so. Same modes as the roster import.
 */
export const importAttendance = (source: TableSource, options: ImportOptions = {}) =>
  Effect.gen(function* () {
    const participations = yield* Participations
    const store = yield* Store
    const volunteers = yield* Volunteers
    const activities = yield* Activities
    const actor = yield* CurrentActor
    const locale = options.locale ?? "zh-CN"
    // The report names columns as the report's reader reads them, whatever the file's language.
    const headers = attendanceHeaders(locale)
    const columnOf = columnOfField(locale)
    yield* requireWriter(actor)
    let ignored: ReadonlyArray<string> = []
    const table = readTable(source, {
      spec: ATTENDANCE_COLUMNS,
      headerNames: headers,
      onHeader: (header) => {
        ignored = header.ignored
        if (!header.found.has("volunteerNumber") && !header.found.has("idNumber") && !header.found.has("phone"))
          throw fileError("import.missingHeaders", { columns: identifyingColumns(locale) })
      }
    })
    const rows = (async function* () {
      for await (const row of table) yield parseAttendanceRow(row, locale)
    })()[Symbol.asyncIterator]()

    // Look-ups repeat across rows (one activity, many volunteers): remembered for the import.
    const activityCache = new Map<string, Activity | "missing" | "ambiguous">()
    const findActivity = (value: string) =>
      Effect.gen(function* () {
        const cached = activityCache.get(value)
        if (cached) return cached
        const byId = yield* activities.getMany([value])
        let found: Activity | "missing" | "ambiguous"
        if (byId.length === 1) found = byId[0]
        else {
          const byTitle = yield* Effect.orElseSucceed(activities.list(Q.all([Q.eq("title", value)], [], { offset: 0, limit: 2 })), () => ({
            rows: [],
            total: 0
          }))
          found = byTitle.total === 1 ? byTitle.rows[0] : byTitle.total === 0 ? "missing" : "ambiguous"
        }
        activityCache.set(value, found)
        return found
      })

    /**
     * The batch's volunteers, found by what each row gives: by number, else by ID number, else by
     * phone, one scoped query per kind and chunk (the service applies the actor's jurisdiction,
     * so another region's volunteer is not found here either). Each kind is asked only for the
     * rows the ones before it did not find.
     */
    const findVolunteers = (batch: ReadonlyArray<ParsedAttendanceRow>) =>
      Effect.gen(function* () {
        const found = new Map<ParsedAttendanceRow, Volunteer>()
        let unfound = batch.filter((r) => r.issues.length === 0)
        for (const field of ["volunteerNumber", "idNumber", "phone"] as const) {
          const values = unfound.flatMap((r) => (r[field] ? [r[field]] : []))
          const matches = yield* Effect.orElseSucceed(volunteers.findByIdentifier(field, values), () => [])
          const byValue = new Map(matches.map((m) => [m.value, m.volunteer]))
          unfound = unfound.filter((r) => {
            const volunteer = r[field] ? byValue.get(r[field]) : undefined
            if (volunteer) found.set(r, volunteer)
            return volunteer === undefined
          })
        }
        return (r: ParsedAttendanceRow): Volunteer | null => found.get(r) ?? null
      })

    /**
     * The participations of the rows' volunteers in the rows' activities, by pair, read in the
     * write's transaction. Read once for a batch: the file has each pair once (a second row is a
     * duplicate), so a row's write never changes another row's pair.
     */
    const participationsByPair = (rows: ReadonlyArray<Attendance>) =>
      Effect.gen(function* () {
        const byPair = new Map<string, Array<Participation>>()
        for (const chunk of chunksOf(rows, LOOKUP_CHUNK)) {
          const found = yield* Effect.orDie(
            participations.list(
              Q.all([
                Q.in("activityId", [...new Set(chunk.map((a) => a.activity.id))]),
                Q.in("volunteerId", [...new Set(chunk.map((a) => a.volunteer.id))])
              ])
            )
          )
          for (const p of found.rows) {
            const pair = pairOf(p.volunteerId, p.activityId)
            byPair.set(pair, [...(byPair.get(pair) ?? []), p])
          }
        }
        return byPair
      })

    /**
     * One row: a sign-up when the volunteer has none to attend on, then `attend`. In its own
     * transaction (a savepoint of the batch's), so a row `attend` refuses leaves no sign-up
     * behind in valid-only mode, whatever the reason.
     */
    const recordAttendance = (a: Attendance, existing: ReadonlyArray<Participation>) =>
      store
        .transaction(
          Effect.gen(function* () {
            // A withdrawn sign-up is history (the service lets the volunteer sign up again); any other
            // is the volunteer's one sign-up, and `attend` decides whether its status allows it
            // (an absence is final; a waitlisted sign-up has no place).
            const current =
              existing.find((p) => p.status === "signed-up" || p.status === "confirmed") ?? existing.find((p) => p.status !== "withdrawn")
            const participation = current ?? (yield* participations.create({ activityId: a.activity.id, volunteerId: a.volunteer.id }))
            yield* participations.attend(participation.id, { hours: a.hours, feedback: a.note })
          })
        )
        .pipe(Effect.mapError((e) => issuesOfError(e, a.row, locale, columnOf).map((issue) => explainRefusal(locale, issue))))

    /** Pairs already in this file: a second row for the same person and activity is a duplicate. */
    const seen = new Map<string, number>()

    const prepare = (batch: ReadonlyArray<ParsedAttendanceRow>) =>
      Effect.gen(function* () {
        const volunteerOf = yield* findVolunteers(batch)
        const prepared = yield* Effect.forEach(batch, (r) =>
          Effect.gen(function* () {
            const refused = (issues: ReadonlyArray<RowIssue>) => ({ row: r.row, issues, attendance: null })
            if (r.issues.length > 0) return refused(r.issues)
            const volunteer = volunteerOf(r)
            const activity = yield* findActivity(r.activity)
            const issues: Array<RowIssue> = []
            if (volunteer === null)
              issues.push(
                // The report names the row's identifier, an ID number or phone masked as everywhere else.
                rowIssue(locale, r.row, headers.volunteerNumber, "import.volunteerNotFound", {
                  value: String(
                    r.volunteerNumber ??
                      (r.idNumber !== null ? maskSensitive("idNumber", r.idNumber) : null) ??
                      (r.phone !== null ? maskSensitive("phone", r.phone) : null) ??
                      ""
                  )
                })
              )
            if (activity === "missing")
              issues.push(rowIssue(locale, r.row, headers.activity, "import.activityNotFound", { value: r.activity }))
            if (activity === "ambiguous")
              issues.push(rowIssue(locale, r.row, headers.activity, "import.activityAmbiguous", { value: r.activity }))
            // The name is the clerk's check on the number: a mistyped number must not credit someone else's hours.
            if (volunteer !== null && r.name !== "" && comparableName(r.name) !== comparableName(volunteer.name))
              issues.push(
                rowIssue(locale, r.row, headers.name, "import.attendanceNameMismatch", {
                  value: r.name,
                  found: volunteerLabel(volunteer, locale)
                })
              )
            if (issues.length > 0 || volunteer === null || typeof activity === "string") return refused(issues)
            const pair = pairOf(volunteer.id, activity.id)
            const first = seen.get(pair)
            if (first !== undefined)
              return refused([rowIssue(locale, r.row, headers.activity, "import.duplicateInFile", { row: first, field: "activityId" })])
            seen.set(pair, r.row)
            const attendance: Attendance = { row: r.row, volunteer, activity, hours: r.hours, note: r.note }
            return { row: r.row, issues: [], attendance }
          })
        )
        return {
          rows: prepared,
          write: (positions) =>
            Effect.gen(function* () {
              const writable = positions.flatMap((i) => {
                const attendance = prepared[i].attendance
                return attendance ? [attendance] : []
              })
              const existing = yield* participationsByPair(writable)
              return yield* Effect.forEach(writable, (a) =>
                Effect.match(recordAttendance(a, existing.get(pairOf(a.volunteer.id, a.activity.id)) ?? []), {
                  onFailure: (issues): ReadonlyArray<RowIssue> => issues,
                  onSuccess: () => []
                })
              )
            })
        } satisfies PreparedBatch as PreparedBatch
      })

    const report: ImportReport = yield* runImport(rows, prepare, options, () => ignored)
    return report
  })
