import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { Worker, type WorkerOptions } from "node:worker_threads"

/**
 * The directory of the @yinfa/server package holding `file`: the nearest one up whose
 * package.json is the server's. Walking up, not a fixed "../..": the bundler puts code in chunks
 * at dist/ (one level down), the sources are at src/<area>/ (two).
 */
export const serverPackageDir = (file: string): string | null => {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json")
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "@yinfa/server") return dir
    if (dirname(dir) === dir) return null
  }
}

/**
 * The URL of one of the server's own worker modules, `area/name` (e.g. "importExport/rosterWorker"),
 * seen from `moduleUrl`: its source (src/area/name.ts) when running from sources (tests, tsx), its
 * bundle entry (dist/area/name.js) when running from the build.
 */
export const serverModuleUrl = (path: string, moduleUrl: string = import.meta.url): string => {
  const fromSources = moduleUrl.endsWith(".ts")
  const root = serverPackageDir(fileURLToPath(moduleUrl))
  if (root === null) throw new Error(`yinfa: cannot find the @yinfa/server package above ${moduleUrl}`)
  return pathToFileURL(join(root, fromSources ? `src/${path}.ts` : `dist/${path}.js`)).href
}

/**
 * Starts the module at `entry` (a file URL) in a worker thread. A TypeScript source (tests, tsx)
 * is loaded through tsx, registered in the worker first, since a worker does not inherit the loader.
 */
export const startModuleWorker = (entry: string, options: WorkerOptions): Worker =>
  entry.endsWith(".ts")
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}))`,
        { ...options, eval: true }
      )
    : new Worker(new URL(entry), options)
