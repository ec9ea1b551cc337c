import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { catalogueIssue, ValidationError } from "@yinfa/core"
import { serverModuleUrl, startModuleWorker } from "../moduleWorker.js"
import type { ParsedRosterRow, RosterContext } from "./parseRoster.js"
import type { RosterWorkerData, RosterWorkerMessage } from "./rosterWorkerProtocol.js"
import type { TableHeader, TableSource } from "./table.js"

/** Rows per message: large enough that posting costs little per row. */
const BATCH_SIZE = 500
/** Batches read ahead of the writer: the reader keeps busy while memory stays bounded. */
const BATCHES_AHEAD = 4

type Incoming =
  | RosterWorkerMessage<ParsedRosterRow>
  | { readonly kind: "error"; readonly error: Error }
  | { readonly kind: "exit"; readonly code: number }

/**
 * The reader thread's heap bound in MB (`YINFA_IMPORT_READER_HEAP_MB`; 0: Node's defaults). The
 * reader keeps little alive (a batch or four, the styles, the shared strings), but unbounded V8
 * let its heap grow past 140 MB of garbage; bounded, with a small young generation, a
 * 100 000-row import ran as fast and the process peaked ~100 MB lower (docs/performance.md).
 */
export const DEFAULT_READER_HEAP_MB = 128
const READER_YOUNG_GENERATION_MB = 16

export const readerHeapMb = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env.YINFA_IMPORT_READER_HEAP_MB
  const n = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw)
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_READER_HEAP_MB
}

const findRosterWorker = (): string | null => {
  try {
    const url = serverModuleUrl("importExport/rosterWorker")
    return existsSync(fileURLToPath(url)) ? url : null
  } catch {
    return null
  }
}

/** Not looked up yet: undefined; not found: null. */
let rosterWorker: string | null | undefined

/**
 * Where the reader thread's module is, or null when it cannot be found (the server bundled into
 * another program, say): the import then reads in its own thread rather than fail. Looked up once
 * (it reads package.json files on the way up), not on every import.
 */
export const rosterWorkerEntry = (): string | null => {
  if (rosterWorker === undefined) rosterWorker = findRosterWorker()
  return rosterWorker
}

export interface RosterReaderOptions {
  /** The reader thread's old-generation bound in MB (0: Node's defaults); default `readerHeapMb()`. */
  readonly heapMb?: number
}

/**
 * `readRoster` in a worker thread: the file is unzipped, parsed and its rows normalised on
 * another core while this thread validates and writes the rows already read. The same rows,
 * header and file-level refusals (ValidationError) as `readRoster`; stopping early (a break,
 * an error) ends the worker.
 */
export async function* readRosterInWorker(
  source: TableSource,
  ctx: RosterContext,
  onHeader?: (header: TableHeader) => void,
  options: RosterReaderOptions = {}
): AsyncGenerator<ParsedRosterRow> {
  const workerData: RosterWorkerData<TableSource, RosterContext> = { source, ctx, batchSize: BATCH_SIZE, batchesAhead: BATCHES_AHEAD }
  const heapMb = options.heapMb ?? readerHeapMb()
  const entry = rosterWorkerEntry()
  if (entry === null)
    throw new Error("yinfa: the roster reader's module (importExport/rosterWorker) is not where the server package keeps it")
  const worker = startModuleWorker(entry, {
    workerData,
    ...(heapMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB } } : {})
  })
  const inbox: Array<Incoming> = []
  let wake: (() => void) | null = null
  const deliver = (message: Incoming) => {
    inbox.push(message)
    wake?.()
    wake = null
  }
  worker.on("message", deliver)
  worker.on("error", (error) => deliver({ kind: "error", error }))
  worker.on("exit", (code) => deliver({ kind: "exit", code }))
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      const message = inbox.shift() as Incoming
      switch (message.kind) {
        case "header":
          onHeader?.({ found: new Map(message.found), ignored: message.ignored, format: message.format })
          break
        case "rows":
          // Granted before the rows are handed on, so the worker reads the next batch meanwhile.
          worker.postMessage("more")
          yield* message.rows
          break
        case "end":
          return
        case "refused":
          throw new ValidationError({ issues: message.issues })
        case "failed":
          throw Object.assign(new Error(message.message), { stack: message.stack })
        case "error":
          // The file is too much for the bound: a file-level refusal the clerk can act on, not a crash.
          if ((message.error as Error & { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY")
            throw new ValidationError({ issues: [catalogueIssue("file", "import.readerOutOfMemory", { mb: heapMb })] })
          throw message.error
        case "exit":
          throw new Error(`the roster reader stopped before the end of the file (exit code ${message.code})`)
      }
    }
  } finally {
    await worker.terminate()
  }
}
