/**
 * Worker-thread entry: reads and parses a roster (`readRoster`) and posts its rows to the thread
 * that validates and writes them, in batches, no further ahead than the batches it was granted.
 * The protocol is `RosterWorkerMessage` (readRosterInWorker.ts).
 */
import { parentPort, workerData } from "node:worker_threads"
import { ValidationError } from "@yinfa/core"
import { type ParsedRosterRow, type RosterContext, readRoster } from "./parseRoster.js"
import type { RosterWorkerData, RosterWorkerMessage } from "./rosterWorkerProtocol.js"
import type { TableHeader, TableSource } from "./table.js"

const port = parentPort
if (port === null) throw new Error("rosterWorker runs in a worker thread")
const { source, ctx, batchSize, batchesAhead } = workerData as RosterWorkerData<TableSource, RosterContext>

let granted = batchesAhead
let wake: (() => void) | null = null
port.on("message", (message: unknown) => {
  if (message !== "more") return
  granted++
  wake?.()
  wake = null
})
const grant = async () => {
  while (granted === 0) await new Promise<void>((resolve) => (wake = resolve))
  granted--
}
const post = (message: RosterWorkerMessage<ParsedRosterRow>) => port.postMessage(message)

try {
  let rows: Array<ParsedRosterRow> = []
  const onHeader = (h: TableHeader) => post({ kind: "header", found: [...h.found], ignored: [...h.ignored], format: h.format })
  for await (const row of readRoster(source, ctx, onHeader)) {
    rows.push(row)
    if (rows.length < batchSize) continue
    await grant()
    post({ kind: "rows", rows })
    rows = []
  }
  if (rows.length > 0) {
    await grant()
    post({ kind: "rows", rows })
  }
  post({ kind: "end" })
} catch (e) {
  // File-level refusals travel as their issues and become a ValidationError again on the other side.
  if (e instanceof ValidationError) post({ kind: "refused", issues: [...e.issues] })
  else post({ kind: "failed", message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? (e.stack ?? "") : "" })
} finally {
  port.removeAllListeners("message")
  port.unref()
}
