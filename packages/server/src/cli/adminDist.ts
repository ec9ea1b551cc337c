import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/**
 * The directory of the @yinfa/server package holding `file`: the nearest one up whose
 * package.json is the server's. Walking up, not a fixed "../..": the bundler puts the CLI's
 * commands in a chunk at dist/ (one level down), the sources are at src/cli/ (two).
 */
const serverPackageDir = (file: string): string | null => {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json")
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "@yinfa/server") return dir
    if (dirname(dir) === dir) return null
  }
}

/**
 * Where `yinfa serve` finds the built dashboard when neither `--admin-dist` nor YINFA_ADMIN_DIST
 * says: packages/admin/dist/app beside the server package, as `npm run build` leaves it.
 */
export const defaultAdminDist = (moduleUrl: string = import.meta.url, env: NodeJS.ProcessEnv = process.env): string => {
  if (env.YINFA_ADMIN_DIST) return env.YINFA_ADMIN_DIST
  const server = serverPackageDir(fileURLToPath(moduleUrl))
  return join(server ?? process.cwd(), server ? "../admin/dist/app" : "packages/admin/dist/app")
}
