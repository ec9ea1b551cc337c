import type { Locale } from "@yinfa/core"
import { startModuleWorker } from "../moduleWorker.js"

/**
 * How far V8 may grow the heap of a command-line import, in MB (`YINFA_IMPORT_HEAP_MB`; 0: no
 * bound, the import runs in the CLI's own thread with Node's defaults).
 *
 * A 100 000-row import keeps about 60 MB alive, but with Node's defaults V8 lets the heap grow
 * to several times that before it collects, and the process peaked above 350 MB. Capped at 192 MB
 * it peaked near 250 MB in the same time, ~285 MB now that a reader thread reads large rosters (docs/performance.md).
 */
export const DEFAULT_IMPORT_HEAP_MB = 192

export const importHeapMb = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env.YINFA_IMPORT_HEAP_MB
  if (raw === undefined || raw.trim() === "") return DEFAULT_IMPORT_HEAP_MB
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_IMPORT_HEAP_MB
}

/** The language a `--locale` value asks for: English for `en`, else Chinese. */
export const localeFlag = (value: unknown): Locale => (value === "en" ? "en" : "zh-CN")

/** The language of the command's own lines, read from argv before (or without) a full parse. */
export const argvLocale = (argv: ReadonlyArray<string>): Locale => {
  for (const [i, arg] of argv.entries()) {
    if (arg === "--") break
    if (arg === "--locale") return localeFlag(argv[i + 1])
    if (arg.startsWith("--locale=")) return localeFlag(arg.slice("--locale=".length))
  }
  return "zh-CN"
}

/**
 * What a clerk reads when the import outgrew the bound: the catalogue's sentence naming the bound
 * and the variable. The catalogues are loaded only then, so the waiting thread does not hold the
 * core while the worker runs.
 */
export const outOfMemoryMessage = async (heapMb: number, locale: Locale = "zh-CN"): Promise<string> => {
  const { translate } = await import("@yinfa/core")
  return `yinfa: ${translate(locale, "cli.import.outOfMemory", { mb: heapMb })}\n`
}

/**
 * Runs the CLI module `entry` (its own `import.meta.url`) again in a worker thread with `argv`,
 * its old generation capped at `heapMb`, and answers the worker's exit code. The worker's output
 * reaches this process's stdout and stderr. Running from TypeScript sources (tests, `tsx`), the
 * worker registers tsx first, since a worker does not inherit the loader. Running out of heap is
 * reported in `locale` (by default the one argv asks for).
 */
export const runInBoundedWorker = (
  entry: string,
  argv: ReadonlyArray<string>,
  heapMb: number,
  locale: Locale = argvLocale(argv)
): Promise<number> =>
  new Promise((resolve) => {
    const options = { argv: [...argv], resourceLimits: { maxOldGenerationSizeMb: heapMb } }
    const worker = startModuleWorker(entry, options)
    // Set on an error, once its message is written (the out-of-memory one loads the catalogues first).
    let reported: Promise<void> | null = null
    worker.on("error", (e: Error & { code?: string }) => {
      const text =
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? outOfMemoryMessage(heapMb, locale).catch(() => `yinfa: ERR_WORKER_OUT_OF_MEMORY (${heapMb} MB, YINFA_IMPORT_HEAP_MB)\n`)
          : Promise.resolve(`yinfa: ${e.stack ?? e.message}\n`)
      reported = text.then((t) => {
        process.stderr.write(t)
      })
    })
    worker.on("exit", (code) => {
      const failed = reported
      if (failed === null) resolve(code)
      else void failed.then(() => resolve(code === 0 ? 1 : code))
    })
  })
