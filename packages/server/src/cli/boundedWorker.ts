import { Worker } from "node:worker_threads"

/**
 * How far V8 may grow the heap of a command-line import, in MB (`YINFA_IMPORT_HEAP_MB`; 0: no
 * bound, the import runs in the CLI's own thread with Node's defaults).
 *
 * A 100 000-row import keeps about 60 MB alive, but with Node's defaults V8 lets the heap grow
 * to several times that before it collects, and the process peaked above 350 MB. Capped at 192 MB
 * it peaks near 250 MB in the same time (docs/performance.md, "Import").
 */
export const DEFAULT_IMPORT_HEAP_MB = 192

export const importHeapMb = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env.YINFA_IMPORT_HEAP_MB
  if (raw === undefined || raw.trim() === "") return DEFAULT_IMPORT_HEAP_MB
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_IMPORT_HEAP_MB
}

/**
 * Runs the CLI module `entry` (its own `import.meta.url`) again in a worker thread with `argv`,
 * its old generation capped at `heapMb`, and answers the worker's exit code. The worker's output
 * reaches this process's stdout and stderr. Running from TypeScript sources (tests, `tsx`), the
 * worker registers tsx first, since a worker does not inherit the loader.
 */
export const runInBoundedWorker = (entry: string, argv: ReadonlyArray<string>, heapMb: number): Promise<number> =>
  new Promise((resolve) => {
    const options = { argv: [...argv], resourceLimits: { maxOldGenerationSizeMb: heapMb } }
    const worker = entry.endsWith(".ts")
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}))`,
          {
            ...options,
            eval: true
          }
        )
      : new Worker(new URL(entry), options)
    let failed = false
    worker.on("error", (e: Error & { code?: string }) => {
      failed = true
      process.stderr.write(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `yinfa: 导入所需内存超过 ${heapMb} MB 的上限，未完成（全部成功才写入的模式下没有写入任何数据）。可用环境变量 YINFA_IMPORT_HEAP_MB 提高上限，0 表示不设上限。\n` +
              `yinfa: the import needed more than ${heapMb} MB and did not finish (all-or-nothing mode wrote nothing). Raise the bound with YINFA_IMPORT_HEAP_MB; 0 removes it.\n`
          : `yinfa: ${e.stack ?? e.message}\n`
      )
    })
    worker.on("exit", (code) => resolve(failed && code === 0 ? 1 : code))
  })
