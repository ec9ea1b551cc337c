import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { parseArgs } from "node:util"
import {
  ENUM_LABELS,
  type Locale,
  localizeError,
  type MessageKey,
  type MessageParams,
  Role,
  translateVerbatim,
  YANCHENG_REGIONS
} from "@yinfa/core"
import { Effect, Schema } from "effect"
import { addUser } from "../accounts.js"
import { hashPassword } from "../auth/password.js"
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../demo/seed.js"
import { makeYinfaRuntime, startServer, type YinfaRuntime } from "../handler.js"
import { IMPORT_EXPORT_COMMANDS, importExportSynopses, localeLine, parseArgsMessage, runImportExportCommand } from "../importExport/cli.js"
import { migrateStore, type StoreOption } from "../store.js"
import { defaultAdminDist } from "./adminDist.js"
import { DEFAULT_READER_HEAP_MB } from "../importExport/readRosterInWorker.js"
import { argvLocale, DEFAULT_IMPORT_HEAP_MB, localeFlag } from "./boundedWorker.js"
import { LOCALE_OPTION, STORE_OPTIONS } from "./commonOptions.js"

/** The server's own synopses: syntax, the same in every language. */
const SYNOPSES = `  yinfa serve   [--port 8080] [--host 0.0.0.0] [--db <sqlite file> | --pg <url> | --mysql <url>] [--demo] [--admin-dist <dir>]
  yinfa migrate [--db <file> | --pg <url> | --mysql <url>]
  yinfa seed --demo [--db <file> | --pg <url> | --mysql <url>]
  yinfa user add --username <name> --role city-admin|region-admin|viewer [--region <slug or code>] [--display-name <text>]
                 [--password <pw>]   `

/** The environment variables, each with its catalogue explanation. */
const ENVIRONMENT: ReadonlyArray<readonly [string, MessageKey, MessageParams?]> = [
  ["PORT", "cli.usage.env.port"],
  ["YINFA_DB", "cli.usage.env.db", { default: "./data/yinfa.db" }],
  ["YINFA_PASSWORD", "cli.usage.env.password"],
  ["YINFA_ADMIN_DIST", "cli.usage.env.adminDist"],
  ["YINFA_IMPORT_HEAP_MB", "cli.usage.env.importHeap", { default: DEFAULT_IMPORT_HEAP_MB }],
  ["YINFA_IMPORT_READER_HEAP_MB", "cli.usage.env.readerHeap", { default: DEFAULT_READER_HEAP_MB }]
]

const say = (locale: Locale, key: MessageKey, params?: MessageParams) => translateVerbatim(locale, key, params)

const usage = (locale: Locale) => {
  const environment = ENVIRONMENT.map(([name, key, params]) => `  ${name.padEnd(30)}${say(locale, key, params)}\n`).join("")
  return `${say(locale, "cli.usage.title")}

${SYNOPSES}${say(locale, "cli.usage.passwordNote")}
${importExportSynopses(locale)}  ${say(locale, "cli.usage.storeNote", { flags: "--db <file> | --pg <url> | --mysql <url>" })}

${localeLine(locale)}
${say(locale, "cli.usage.env.title")}
${environment}`
}

const options = {
  port: { type: "string" },
  host: { type: "string" },
  ...STORE_OPTIONS,
  demo: { type: "boolean" },
  "admin-dist": { type: "string" },
  username: { type: "string" },
  role: { type: "string" },
  region: { type: "string" },
  password: { type: "string" },
  "display-name": { type: "string" },
  ...LOCALE_OPTION,
  help: { type: "boolean", short: "h" }
} as const

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>["values"]

const fail = (locale: Locale, message: string): never => {
  process.stderr.write(`yinfa: ${message}\n\n${usage(locale)}`)
  process.exit(2)
}

/** A usage error from the catalogues, then the usage; exit 2. */
const refuse = (locale: Locale, key: MessageKey, params?: MessageParams): never => fail(locale, say(locale, key, params))

const chooseStore = (flags: Flags, locale: Locale): StoreOption => {
  const chosen = [flags.db, flags.pg, flags.mysql].filter((x) => x !== undefined)
  if (chosen.length > 1) refuse(locale, "cli.error.oneStore")
  // Explicit flags only: a YINFA_PG_URL meant for tests must not silently move a demo to PostgreSQL.
  if (flags.pg) return { kind: "postgres", connectionString: flags.pg }
  if (flags.mysql) return { kind: "mysql", uri: flags.mysql }
  const filename = resolve(flags.db ?? process.env.YINFA_DB ?? "./data/yinfa.db")
  mkdirSync(dirname(filename), { recursive: true })
  return { kind: "sqlite", filename }
}

const describeStore = (store: StoreOption) =>
  store.kind === "sqlite"
    ? `SQLite ${store.filename}`
    : store.kind === "postgres"
      ? "PostgreSQL"
      : store.kind === "mysql"
        ? "MySQL"
        : store.kind

const demoSeed = seedDemo({ hashPassword: (password) => Effect.promise(() => hashPassword(password)) })

const printDemoAccounts = (locale: Locale) => {
  const regional = YANCHENG_REGIONS.map((r) => r.slug).join(", ")
  process.stdout.write(
    `\n${say(locale, "cli.demo.title", { password: DEMO_PASSWORD })}\n` +
      `  ${say(locale, "cli.demo.cityAdmin", { accounts: "admin" })}\n` +
      `  ${say(locale, "cli.demo.regionAdmins", { accounts: regional })}\n` +
      `  ${say(locale, "cli.demo.viewer", { accounts: "viewer" })}\n`
  )
}

const serve = async (flags: Flags, locale: Locale) => {
  const store = chooseStore(flags, locale)
  const port = Number(flags.port ?? process.env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    refuse(locale, "cli.error.badPort", { port: flags.port ?? process.env.PORT ?? "" })
  const server = await startServer({
    store,
    port,
    host: flags.host ?? "0.0.0.0",
    adminDist: flags["admin-dist"] ?? defaultAdminDist(),
    // Seed before the port opens, so nobody signs in to a half-filled demo.
    beforeListen: async (yinfa) => {
      if (!flags.demo || !(await yinfa.run(isEmpty))) return
      process.stdout.write(`${say(locale, "cli.serve.seeding")}\n`)
      const summary = await yinfa.run(demoSeed)
      process.stdout.write(
        `${say(locale, "cli.serve.seeded", {
          regions: summary.regions,
          organizations: summary.organizations,
          volunteers: summary.volunteers,
          activities: summary.activities
        })}\n`
      )
    }
  })
  if (flags.demo) printDemoAccounts(locale)
  const url = `http://localhost:${server.port}/`
  process.stdout.write(
    `\n${say(locale, "cli.serve.listening", { url, store: describeStore(store) })}\n  ${say(locale, "cli.serve.apiDocs", { url: `${url}api/docs` })}\n`
  )
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

const migrate = async (flags: Flags, locale: Locale) => {
  const store = chooseStore(flags, locale)
  const applied = await migrateStore(store)
  process.stdout.write(
    `${
      applied.length
        ? say(locale, "cli.migrate.applied", { migrations: applied.join(", ") })
        : say(locale, "cli.migrate.upToDate", { store: describeStore(store) })
    }\n`
  )
}

const withCore = async <A>(flags: Flags, locale: Locale, f: (yinfa: YinfaRuntime) => Promise<A>) => {
  const yinfa = await makeYinfaRuntime({ store: chooseStore(flags, locale) })
  try {
    return await f(yinfa)
  } finally {
    await yinfa.close()
  }
}

const seed = (flags: Flags, locale: Locale) => {
  if (!flags.demo) refuse(locale, "cli.error.seedNeedsDemo")
  return withCore(flags, locale, async (yinfa) => {
    if (!(await yinfa.run(isEmpty))) {
      process.stdout.write(`${say(locale, "cli.seed.notEmpty")}\n`)
      return
    }
    const summary = await yinfa.run(demoSeed)
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    printDemoAccounts(locale)
  })
}

const userAdd = (flags: Flags, locale: Locale) => {
  const username = flags.username ?? refuse(locale, "cli.error.usernameRequired")
  const role = Schema.decodeUnknownOption(Role)(flags.role)
  if (role._tag === "None") refuse(locale, "cli.error.role")
  const password = flags.password ?? process.env.YINFA_PASSWORD ?? refuse(locale, "cli.error.password")
  return withCore(flags, locale, async (yinfa) => {
    const result = await yinfa.run(
      Effect.either(
        addUser({
          username,
          role: role._tag === "Some" ? role.value : "viewer",
          region: flags.region ?? null,
          password,
          ...(flags["display-name"] ? { displayName: flags["display-name"] } : {})
        })
      )
    )
    if (result._tag === "Left") {
      const reason = localizeError(result.left, locale).message
      refuse(locale, "cli.error.addUser", { reason })
    } else {
      const user = result.right
      const roleLabel = ENUM_LABELS[locale].role[user.role]
      process.stdout.write(
        `${
          user.regionCode
            ? say(locale, "cli.user.addedInRegion", { username: user.username, role: roleLabel, region: user.regionCode })
            : say(locale, "cli.user.added", { username: user.username, role: roleLabel })
        }\n`
      )
    }
  })
}

/**
 * import, export, certificate, template, report-pack: their flags are their module's, so only
 * the store flags are picked out here (leniently) and the whole argv is handed over.
 */
const importExport = async (argv: ReadonlyArray<string>) => {
  const { values } = parseArgs({
    args: [...argv],
    options: STORE_OPTIONS,
    allowPositionals: true,
    strict: false
  })
  const text = (v: unknown) => (typeof v === "string" ? v : undefined)
  const flags = { db: text(values.db), pg: text(values.pg), mysql: text(values.mysql) } as Flags
  const code = await withCore(flags, argvLocale(argv), (yinfa) => runImportExportCommand(argv, yinfa.run))
  process.exitCode = code
}

export const main = async (argv: ReadonlyArray<string>) => {
  // Before the strict parse below, which knows only the server's own flags.
  if (argv[0] !== undefined && IMPORT_EXPORT_COMMANDS.has(argv[0])) return importExport(argv)
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (e) {
    // Not parsed: the locale as argv asks for it.
    const locale = argvLocale(argv)
    return fail(locale, parseArgsMessage(e, locale))
  }
  const locale = localeFlag(parsed.values.locale)
  const [command, sub] = parsed.positionals
  if (parsed.values.help || !command) {
    process.stdout.write(usage(locale))
    return
  }
  switch (command) {
    case "serve":
      return serve(parsed.values, locale)
    case "migrate":
      return migrate(parsed.values, locale)
    case "seed":
      return seed(parsed.values, locale)
    case "user":
      if (sub !== "add") return refuse(locale, "cli.error.userCommand")
      return userAdd(parsed.values, locale)
    default:
      return refuse(locale, "cli.error.unknownCommand", { command })
  }
}
