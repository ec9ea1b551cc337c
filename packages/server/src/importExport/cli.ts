import { createWriteStream } from "node:fs"
import { rm, writeFile } from "node:fs/promises"
import { parseArgs } from "node:util"
import {
  type Actor,
  Certificates,
  CurrentActor,
  type DomainError,
  isDomainError,
  type Locale,
  localizeError,
  type MessageKey,
  type MessageParams,
  Q,
  Store,
  systemActor,
  todayLocal,
  translateVerbatim,
  Volunteers
} from "@yinfa/core"
import { Effect } from "effect"
import { argvLocale, localeFlag } from "../cli/boundedWorker.js"
import { LOCALE_OPTION, STORE_OPTIONS } from "../cli/commonOptions.js"
import { deriveWhitelist } from "../http/resources.js"
import { BadParam, badParamMessage, parseFilter, parseSort } from "../http/simpleRest.js"
import { certificateHtml } from "./certificateDocument.js"
import { exportFileName, exportList, isExportable } from "./exportList.js"
import { type ImportProgress, type ImportReport, reportSummary } from "./importDriver.js"
import { importAttendance } from "./importAttendance.js"
import { importVolunteers } from "./importVolunteers.js"
import { reportPack } from "./reportPack.js"
import { reportWorkbook } from "./reportWorkbook.js"
import { attendanceTemplate, rosterTemplate, templateFileName } from "./template.js"

/**
 * The import/export commands of the `yinfa` CLI, as functions over an already-built core (the
 * `run` of `makeYinfaHandler`), so the CLI's main only parses the command word and delegates.
 */

/** Runs an effect against the core (YinfaHandler.run). */
export type CliRun = <A, E>(effect: Effect.Effect<A, E, any>) => Promise<A>

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t)
}

/** The commands' synopses: syntax, the same in every language. */
const SYNOPSES = `  yinfa import volunteers <file.xlsx|file.csv> [--region <name|code>] [--valid-only] [--report <report.xlsx>] [--as <username>]
  yinfa import attendance <file.xlsx|file.csv> [--valid-only] [--report <report.xlsx>] [--as <username>]
  yinfa export <resource> [--format xlsx|csv] [--filter <json>] [--sort <json>] [--out <file>] [--reveal] [--as <username>]
  yinfa certificate <volunteer id or number> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--issuer <name>]
                    [--person-in-charge <name>] [--contact <phone>] [--base-url <url>] [--out <file.html>] [--as <username>]
  yinfa template volunteers|attendance [--out <file.xlsx>]
  yinfa report-pack --from YYYY-MM-DD --to YYYY-MM-DD [--region <code>] [--out <prefix>] [--as <username>]
`

/** The import/export commands' synopses with their remark on `--as`, in `locale` (part of the main usage too). */
export const importExportSynopses = (locale: Locale): string => `${SYNOPSES}  ${translateVerbatim(locale, "cli.usage.asNote")}\n`

/** The line that closes every usage text: how to get English. */
export const localeLine = (locale: Locale): string => `  ${translateVerbatim(locale, "cli.usage.locale", { flag: "--locale en" })}\n`

/** What follows a usage error of these commands. */
export const importExportUsage = (locale: Locale): string => `${importExportSynopses(locale)}\n${localeLine(locale)}`

/**
 * node:util parseArgs's own (English) error as a catalogue sentence naming the option: the
 * option is the last `-x`/`--name` inside the first quotes of Node's message ("Option '-h, --help'
 * does not take an argument"). Codes and wordings not known here keep Node's message.
 */
export const parseArgsMessage = (error: unknown, locale: Locale): string => {
  const e = error as { code?: unknown; message?: unknown }
  const message = typeof e?.message === "string" ? e.message : String(error)
  const quoted = /'([^']*)'/.exec(message)?.[1]
  if (quoted === undefined) return message
  const option = quoted.match(/--?[^\s,']+/g)?.at(-1) ?? quoted
  switch (e?.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return translateVerbatim(locale, "cli.error.unknownOption", { option })
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      // "argument missing" at the end of argv; "argument is ambiguous" before another option.
      if (/argument missing|argument is ambiguous/.test(message)) return translateVerbatim(locale, "cli.error.optionNeedsValue", { option })
      if (/does not take an argument/.test(message)) return translateVerbatim(locale, "cli.error.optionTakesNoValue", { option })
      return message
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return translateVerbatim(locale, "cli.error.unexpectedArgument", { argument: quoted })
    default:
      return message
  }
}

const options = {
  region: { type: "string" },
  "valid-only": { type: "boolean" },
  report: { type: "string" },
  as: { type: "string" },
  format: { type: "string" },
  filter: { type: "string" },
  sort: { type: "string" },
  out: { type: "string" },
  reveal: { type: "boolean" },
  from: { type: "string" },
  to: { type: "string" },
  issuer: { type: "string" },
  "person-in-charge": { type: "string" },
  contact: { type: "string" },
  "base-url": { type: "string" },
  ...LOCALE_OPTION,
  // Store selection belongs to the main CLI (it opens the store); accepted here so argv passes through whole.
  ...STORE_OPTIONS
} as const

class UsageError extends Error {}

/** Runs an effect and rejects with its own error (not the runtime's FiberFailure wrapper), so domain errors are recognised. */
const settle = async <A, E>(run: CliRun, effect: Effect.Effect<A, E, any>): Promise<A> => {
  const result = await run(Effect.either(effect))
  if (result._tag === "Left") throw result.left
  return result.right
}

/** Whom the command runs as: a stored, active user (`--as`), or the system city admin. */
const actorFor = (run: CliRun, username: string | undefined, locale: Locale): Promise<Actor> =>
  username === undefined
    ? Promise.resolve(systemActor)
    : settle(
        run,
        Effect.gen(function* () {
          const store = yield* Store
          const found = yield* store.list("users", Q.all([Q.eq("username", username)], [], { offset: 0, limit: 1 }))
          const user = found.rows[0]
          if (!user?.active) return yield* Effect.fail(new UsageError(translateVerbatim(locale, "cli.error.noActiveUser", { username })))
          return {
            userId: user.id,
            username: user.username,
            displayName: user.displayName,
            role: user.role,
            regionCode: user.regionCode
          } satisfies Actor
        })
      )

const progressLine = (io: CliIo, locale: Locale) => {
  let last = 0
  return (p: ImportProgress) => {
    // One line per 5000 rows, and the last.
    if (p.phase === "done" || p.parsed - last >= 5000) {
      last = p.parsed
      io.stderr(`  ${translateVerbatim(locale, "cli.import.progress", { parsed: p.parsed, validated: p.validated, written: p.written })}\n`)
    }
  }
}

const printReport = (io: CliIo, report: ImportReport, locale: Locale) => {
  io.stdout(`${reportSummary(report, locale)}\n`)
  const shown = report.issues.slice(0, 50)
  for (const i of shown) {
    const line = i.column
      ? translateVerbatim(locale, "cli.import.row", { row: i.row, column: i.column, message: i.message })
      : translateVerbatim(locale, "cli.import.rowNoColumn", { row: i.row, message: i.message })
    io.stdout(`  ${line}\n`)
  }
  if (report.issues.length > shown.length)
    io.stdout(`  ${translateVerbatim(locale, "cli.import.more", { count: report.issues.length - shown.length })}\n`)
}

/**
 * Runs one import/export command (argv without the leading "yinfa"). Returns the exit code:
 * 0 done, 1 refused or rows with errors, 2 usage.
 */
export const runImportExportCommand = async (argv: ReadonlyArray<string>, run: CliRun, io: CliIo = processIo): Promise<number> => {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (e) {
    // Not parsed: the locale as argv asks for it.
    const locale = argvLocale(argv)
    io.stderr(`yinfa: ${parseArgsMessage(e, locale)}\n\n${importExportUsage(locale)}`)
    return 2
  }
  const flags = parsed.values
  const [command, what, target] = parsed.positionals
  const locale = localeFlag(flags.locale)
  const usage = (message: string) => {
    io.stderr(`yinfa: ${message}\n\n${importExportUsage(locale)}`)
    return 2
  }
  const t = (key: MessageKey, params?: MessageParams) => translateVerbatim(locale, key, params)
  try {
    const actor = await actorFor(run, flags.as, locale)
    const asActor = <A, E, R>(effect: Effect.Effect<A, E, R>) => settle(run, Effect.provideService(effect, CurrentActor, actor))
    switch (command) {
      case "import": {
        if (what !== "volunteers" && what !== "attendance") return usage(t("cli.error.importWhat"))
        if (!target) return usage(t("cli.error.giveFile"))
        const source = { path: target }
        const common = {
          mode: flags["valid-only"] ? ("valid-only" as const) : ("all-or-nothing" as const),
          locale,
          onProgress: progressLine(io, locale)
        }
        const report =
          what === "volunteers"
            ? await asActor(importVolunteers(source, { ...common, region: flags.region ?? null }))
            : await asActor(importAttendance(source, common))
        printReport(io, report, locale)
        if (flags.report) {
          await writeFile(flags.report, await reportWorkbook(report, what, locale))
          io.stderr(`${t("cli.import.reportSaved", { file: flags.report })}\n`)
        }
        return report.issues.length > 0 ? 1 : 0
      }
      case "export": {
        if (!what || !isExportable(what)) return usage(t("cli.error.cannotExport", { what: what ?? "" }))
        const format = flags.format === "csv" ? "csv" : flags.format === undefined || flags.format === "xlsx" ? "xlsx" : null
        if (format === null) return usage(t("cli.error.format"))
        const whitelist = deriveWhitelist(what)
        const filters = parseFilter(flags.filter, whitelist).filters
        const sort = parseSort(flags.sort, whitelist)
        const today = await run(todayLocal)
        const file = flags.out ?? exportFileName(what, format, today, locale)
        const out = createWriteStream(file)
        const result = await asActor(
          exportList(what, out, { format, query: Q.all(filters, sort), reveal: flags.reveal === true, locale })
        ).catch(async (e) => {
          // A refused export leaves no empty or partial file behind.
          out.destroy()
          await rm(file, { force: true })
          throw e
        })
        io.stdout(`${t("cli.export.done", { rows: result.rows, file })}\n`)
        return 0
      }
      case "certificate": {
        if (!what) return usage(t("cli.error.certificateWho"))
        const html = await asActor(
          Effect.gen(function* () {
            const volunteers = yield* Volunteers
            const certificates = yield* Certificates
            // A volunteer number is what a clerk has at hand; an id works too.
            const byNumber = yield* volunteers.list(Q.all([Q.eq("volunteerNumber", what.toUpperCase())], [], { offset: 0, limit: 1 }))
            const id = byNumber.rows[0]?.id ?? what
            const issued = yield* certificates.issue(id, {
              periodFrom: flags.from ?? null,
              periodTo: flags.to ?? null,
              issuer: flags.issuer ?? null,
              personInCharge: flags["person-in-charge"] ?? null,
              contact: flags.contact ?? null
            })
            const shown = yield* certificates.verify(issued.certificateNumber)
            return {
              number: issued.certificateNumber,
              html: certificateHtml(shown, { locale, ...(flags["base-url"] ? { baseUrl: flags["base-url"] } : {}) })
            }
          })
        )
        const file = flags.out ?? `${t("certificate.fileName", { number: html.number })}.html`
        await writeFile(file, html.html)
        io.stdout(`${t("cli.certificate.issued", { number: html.number, file })}\n`)
        return 0
      }
      case "template": {
        if (what !== "volunteers" && what !== "attendance") return usage(t("cli.error.templateWhat"))
        const bytes =
          what === "volunteers"
            ? await run(
                Effect.flatMap(Store, (store) =>
                  Effect.map(store.list("regions", Q.all([], [{ field: "sortOrder", order: "ASC" }])), (r) => r.rows)
                ).pipe(Effect.flatMap((regions) => Effect.promise(() => rosterTemplate(regions, locale))))
              )
            : await attendanceTemplate(locale)
        const file = flags.out ?? templateFileName(what, locale)
        await writeFile(file, bytes)
        io.stdout(`${t("cli.template.saved", { file })}\n`)
        return 0
      }
      case "report-pack": {
        if (!flags.from || !flags.to) return usage(t("cli.error.reportPeriod"))
        const pack = await asActor(reportPack({ from: flags.from, to: flags.to, regionCode: flags.region ?? null }, locale))
        const prefix = flags.out ?? t("reportPack.fileName", { from: flags.from, to: flags.to })
        await writeFile(`${prefix}.xlsx`, pack.workbook)
        await writeFile(`${prefix}.html`, pack.html)
        io.stdout(`${t("cli.reportPack.done", { workbook: `${prefix}.xlsx`, page: `${prefix}.html` })}\n`)
        return 0
      }
      default:
        return usage(t("cli.error.unknownCommand", { command: command ?? "" }))
    }
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message)
    if (e instanceof BadParam) {
      // The key's sentence (its field names in the reader's language), after the option as typed.
      io.stderr(`yinfa: --${e.param}: ${badParamMessage(locale, e)}\n`)
      return 2
    }
    if (isDomainError(e)) {
      io.stderr(`yinfa: ${localizeError(e as DomainError, locale).message}\n`)
      return 1
    }
    throw e
  }
}

/** The commands this module answers, for the CLI's dispatcher. */
export const IMPORT_EXPORT_COMMANDS: ReadonlySet<string> = new Set(["import", "export", "certificate", "template", "report-pack"])
