import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { serverPackageDir } from "../moduleWorker.js"

/**
 * Where `yinfa serve` finds the built dashboard when neither `--admin-dist` nor YINFA_ADMIN_DIST
 * says: packages/admin/dist/app beside the server package, as `npm run build` leaves it.
 */
export const defaultAdminDist = (moduleUrl: string = import.meta.url, env: NodeJS.ProcessEnv = process.env): string => {
  if (env.YINFA_ADMIN_DIST) return env.YINFA_ADMIN_DIST
  const server = serverPackageDir(fileURLToPath(moduleUrl))
  return join(server ?? process.cwd(), server ? "../admin/dist/app" : "packages/admin/dist/app")
}
