import {
  Activities,
  type Activity,
  CurrentActor,
  type Filter,
  maskSensitive,
  Participations,
  Q,
  requireWriter,
  Volunteers
} from "@yinfa/core"
import { Effect } from "effect"
import { type ImportOptions, type ImportReport, issuesOfError, type PreparedRow, runImport } from "./importDriver.js"
import { fileError, readTable, type TableSource } from "./table.js"
import {
  ATTENDANCE_COLUMNS,
  ATTENDANCE_HEADER,
  type ParsedAttendanceRow,
  parseAttendanceRow,
  type RowIssue,
  rowIssue
} from "./parseRoster.js"

/** The sheet's column that a field of the Participations service's input belongs to. */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  hours: ATTENDANCE_HEADER.hours,
  feedback: ATTENDANCE_HEADER.note,
  activityId: ATTENDANCE_HEADER.activity,
  volunteerId: ATTENDANCE_HEADER.volunteerNumber
}

const columnOf = (path: string): string => (Object.hasOwn(COLUMN_OF_FIELD, path) ? COLUMN_OF_FIELD[path] : "")

/** The columns that identify a volunteer: at least one of them must be in the sheet. */
const IDENTIFYING_COLUMNS = [ATTENDANCE_HEADER.volunteerNumber, ATTENDANCE_HEADER.idNumber, ATTENDANCE_HEADER.phone].join(" / ")

/**
 * Imports an attendance sheet (签到表): for each row, finds the volunteer (by number, else ID
 * number, else phone) and the activity (by id, else by a title that is unique in the actor's
 * scope), then records the attendance with its hours through the Participations service: a
 * sign-up is created when there is none (sign-up rules apply), then `attend` (hours bounds,
 * late-recording flag, the hour ledger and audit entries). Same modes as the roster import.
 */
export const importAttendance = (source: TableSource, options: ImportOptions = {}) =>
  Effect.gen(function* () {
    const participations = yield* Participations
    const volunteers = yield* Volunteers
    const activities = yield* Activities
    const actor = yield* CurrentActor
    const locale = options.locale ?? "zh-CN"
    yield* requireWriter(actor)
    let ignored: ReadonlyArray<string> = []
    const table = readTable(source, {
      spec: ATTENDANCE_COLUMNS,
      onHeader: (header) => {
        ignored = header.ignored
        if (!header.found.has("volunteerNumber") && !header.found.has("idNumber") && !header.found.has("phone"))
          throw fileError("import.missingHeaders", { columns: IDENTIFYING_COLUMNS })
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
    const findVolunteer = (r: ParsedAttendanceRow) =>
      Effect.gen(function* () {
        const tries: Array<Filter> = [
          ...(r.volunteerNumber ? [Q.eq("volunteerNumber", r.volunteerNumber)] : []),
          ...(r.idNumber ? [Q.eq("idNumber", r.idNumber)] : []),
          ...(r.phone ? [Q.eq("phone", r.phone)] : [])
        ]
        for (const filter of tries) {
          const found = yield* Effect.orElseSucceed(volunteers.list(Q.all([filter], [], { offset: 0, limit: 1 })), () => ({
            rows: [],
            total: 0
          }))
          if (found.rows[0]) return found.rows[0]
        }
        return null
      })

    /** Pairs already in this file: a second row for the same person and activity is a duplicate. */
    const seen = new Map<string, number>()

    const prepare = (batch: ReadonlyArray<ParsedAttendanceRow>) =>
      Effect.forEach(batch, (r) =>
        Effect.gen(function* () {
          if (r.issues.length > 0) return { row: r.row, issues: r.issues, write: null } satisfies PreparedRow as PreparedRow
          const volunteer = yield* findVolunteer(r)
          const activity = yield* findActivity(r.activity)
          const issues: Array<RowIssue> = []
          if (volunteer === null)
            issues.push(
              // The report names the row's identifier, an ID number or phone masked as everywhere else.
              rowIssue(locale, r.row, ATTENDANCE_HEADER.volunteerNumber, "import.volunteerNotFound", {
                value: String(
                  r.volunteerNumber ??
                    (r.idNumber !== null ? maskSensitive("idNumber", r.idNumber) : null) ??
                    (r.phone !== null ? maskSensitive("phone", r.phone) : null) ??
                    ""
                )
              })
            )
          if (activity === "missing")
            issues.push(rowIssue(locale, r.row, ATTENDANCE_HEADER.activity, "import.activityNotFound", { value: r.activity }))
          if (activity === "ambiguous")
            issues.push(rowIssue(locale, r.row, ATTENDANCE_HEADER.activity, "import.activityAmbiguous", { value: r.activity }))
          if (issues.length > 0 || volunteer === null || typeof activity === "string")
            return { row: r.row, issues, write: null } as PreparedRow
          const pair = `${volunteer.id}|${activity.id}`
          const first = seen.get(pair)
          if (first !== undefined)
            return {
              row: r.row,
              issues: [rowIssue(locale, r.row, ATTENDANCE_HEADER.activity, "import.duplicateInFile", { row: first, field: "activityId" })],
              write: null
            } as PreparedRow
          seen.set(pair, r.row)
          const write = Effect.gen(function* () {
            const existing = yield* participations.list(
              Q.all([Q.eq("activityId", activity.id), Q.eq("volunteerId", volunteer.id)], [], { offset: 0, limit: 1 })
            )
            const current = existing.rows[0]
            // A withdrawn or absent record is history; attendance is recorded on an open sign-up or a new one.
            const participation =
              current && (current.status === "signed-up" || current.status === "confirmed" || current.status === "attended")
                ? current
                : yield* participations.create({ activityId: activity.id, volunteerId: volunteer.id })
            yield* participations.attend(participation.id, { hours: r.hours, feedback: r.note })
          }).pipe(Effect.mapError((e) => issuesOfError(e, r.row, locale, columnOf)))
          return { row: r.row, issues: [], write } as PreparedRow
        })
      )

    const report: ImportReport = yield* runImport(rows, prepare, options, () => ignored)
    return report
  })
