import { isMainThread } from "node:worker_threads"
import { importHeapMb, runInBoundedWorker } from "./boundedWorker.js"

/**
 * The `yinfa` command. An import runs again in a worker thread whose heap is bounded
 * (boundedWorker.ts); the worker starts from this file too and, not being the main thread, does
 * the work. The commands are loaded only where they run, so the thread that merely waits for the
 * worker holds none of them.
 */
const run = async (argv: ReadonlyArray<string>) => {
  const heapMb = importHeapMb()
  if (argv[0] === "import" && isMainThread && heapMb > 0) {
    process.exitCode = await runInBoundedWorker(import.meta.url, argv, heapMb)
    return
  }
  const { main } = await import("./commands.js")
  await main(argv)
}

run(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`yinfa: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exit(1)
})
