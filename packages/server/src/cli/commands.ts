import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Role, YANCHENG_REGIONS } from "@yinfa/core"
import { Effect, Schema } from "effect"
import { addUser } from "../accounts.js"
import { hashPassword } from "../auth/password.js"
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../demo/seed.js"
import { makeYinfaRuntime, startServer, type YinfaRuntime } from "../handler.js"
import { IMPORT_EXPORT_COMMANDS, IMPORT_EXPORT_USAGE, runImportExportCommand } from "../importExport/cli.js"
import { migrateStore, type StoreOption } from "../store.js"

const USAGE = `yinfa — 银发再出发 server

  yinfa serve   [--port 8080] [--host 0.0.0.0] [--db <sqlite file> | --pg <url> | --mysql <url>] [--demo] [--admin-dist <dir>]
  yinfa migrate [--db <file> | --pg <url> | --mysql <url>]
  yinfa seed --demo [--db <file> | --pg <url> | --mysql <url>]
  yinfa user add --username <name> --role city-admin|region-admin|viewer [--region <slug or code>] [--display-name <text>]
                 [--password <pw>]   (or the YINFA_PASSWORD environment variable; never a default)
${IMPORT_EXPORT_USAGE}  (these take --db <file> | --pg <url> | --mysql <url> too)

Environment: PORT, YINFA_DB (SQLite file, default ./data/yinfa.db), YINFA_PASSWORD, YINFA_ADMIN_DIST,
             YINFA_IMPORT_HEAP_MB (heap bound of an import, default 192; 0: none).
`

const options = {
  port: { type: "string" },
  host: { type: "string" },
  db: { type: "string" },
  pg: { type: "string" },
  mysql: { type: "string" },
  demo: { type: "boolean" },
  "admin-dist": { type: "string" },
  username: { type: "string" },
  role: { type: "string" },
  region: { type: "string" },
  password: { type: "string" },
  "display-name": { type: "string" },
  help: { type: "boolean", short: "h" }
} as const

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>["values"]

const fail = (message: string): never => {
  process.stderr.write(`yinfa: ${message}\n\n${USAGE}`)
  process.exit(2)
}

const chooseStore = (flags: Flags): StoreOption => {
  const chosen = [flags.db, flags.pg, flags.mysql].filter((x) => x !== undefined)
  if (chosen.length > 1) fail("choose one of --db, --pg, --mysql")
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

/** packages/admin/dist/app, found from src/cli or dist/cli alike (both are two levels down). */
const defaultAdminDist = () => process.env.YINFA_ADMIN_DIST ?? fileURLToPath(new URL("../../../admin/dist/app", import.meta.url))

const demoSeed = seedDemo({ hashPassword: (password) => Effect.promise(() => hashPassword(password)) })

const printDemoAccounts = () => {
  const regional = YANCHENG_REGIONS.map((r) => r.slug).join(", ")
  process.stdout.write(
    `\nDemo accounts (password "${DEMO_PASSWORD}"):\n  admin (city admin)\n  ${regional} (region admins)\n  viewer (read-only)\n`
  )
}

const serve = async (flags: Flags) => {
  const store = chooseStore(flags)
  const port = Number(flags.port ?? process.env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad port ${flags.port}`)
  const server = await startServer({
    store,
    port,
    host: flags.host ?? "0.0.0.0",
    adminDist: flags["admin-dist"] ?? defaultAdminDist(),
    // Seed before the port opens, so nobody signs in to a half-filled demo.
    beforeListen: async (yinfa) => {
      if (!flags.demo || !(await yinfa.run(isEmpty))) return
      process.stdout.write("Seeding demo data (first start)…\n")
      const summary = await yinfa.run(demoSeed)
      process.stdout.write(
        `Seeded ${summary.regions} regions, ${summary.organizations} organisations, ${summary.volunteers} volunteers, ${summary.activities} activities.\n`
      )
    }
  })
  if (flags.demo) printDemoAccounts()
  process.stdout.write(
    `\nyinfa is listening on http://localhost:${server.port}/ (${describeStore(store)})\n  API docs: http://localhost:${server.port}/api/docs\n`
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

const migrate = async (flags: Flags) => {
  const store = chooseStore(flags)
  const applied = await migrateStore(store)
  process.stdout.write(applied.length ? `Applied: ${applied.join(", ")}\n` : `Up to date (${describeStore(store)}).\n`)
}

const withCore = async <A>(flags: Flags, f: (yinfa: YinfaRuntime) => Promise<A>) => {
  const yinfa = await makeYinfaRuntime({ store: chooseStore(flags) })
  try {
    return await f(yinfa)
  } finally {
    await yinfa.close()
  }
}

const seed = (flags: Flags) => {
  if (!flags.demo) fail("seed needs --demo (the only data set there is)")
  return withCore(flags, async (yinfa) => {
    if (!(await yinfa.run(isEmpty))) {
      process.stdout.write("The store already holds data: not seeding.\n")
      return
    }
    const summary = await yinfa.run(demoSeed)
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    printDemoAccounts()
  })
}

const userAdd = (flags: Flags) => {
  const username = flags.username ?? fail("--username is required")
  const role = Schema.decodeUnknownOption(Role)(flags.role)
  if (role._tag === "None") fail("--role is city-admin, region-admin or viewer")
  const password = flags.password ?? process.env.YINFA_PASSWORD ?? fail("give --password or set YINFA_PASSWORD")
  return withCore(flags, async (yinfa) => {
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
    if (result._tag === "Left") fail(`could not add the user: ${result.left.message}`)
    else
      process.stdout.write(
        `Added ${result.right.username} (${result.right.role}${result.right.regionCode ? `, ${result.right.regionCode}` : ""}).\n`
      )
  })
}

/**
 * import, export, certificate, template, report-pack: their flags are their module's, so only
 * the store flags are picked out here (leniently) and the whole argv is handed over.
 */
const importExport = async (argv: ReadonlyArray<string>) => {
  const { values } = parseArgs({
    args: [...argv],
    options: { db: { type: "string" }, pg: { type: "string" }, mysql: { type: "string" } },
    allowPositionals: true,
    strict: false
  })
  const text = (v: unknown) => (typeof v === "string" ? v : undefined)
  const flags = { db: text(values.db), pg: text(values.pg), mysql: text(values.mysql) } as Flags
  const code = await withCore(flags, (yinfa) => runImportExportCommand(argv, yinfa.run))
  process.exitCode = code
}

export const main = async (argv: ReadonlyArray<string>) => {
  // Before the strict parse below, which knows only the server's own flags.
  if (argv[0] !== undefined && IMPORT_EXPORT_COMMANDS.has(argv[0])) return importExport(argv)
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (e) {
    return fail((e as Error).message)
  }
  const [command, sub] = parsed.positionals
  if (parsed.values.help || !command) {
    process.stdout.write(USAGE)
    return
  }
  switch (command) {
    case "serve":
      return serve(parsed.values)
    case "migrate":
      return migrate(parsed.values)
    case "seed":
      return seed(parsed.values)
    case "user":
      if (sub !== "add") return fail("the user command is `user add`")
      return userAdd(parsed.values)
    default:
      return fail(`unknown command ${command}`)
  }
}
