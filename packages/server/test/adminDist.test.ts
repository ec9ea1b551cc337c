import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { describe, expect, it } from "vitest"
import { defaultAdminDist } from "../src/cli/adminDist.js"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const dashboard = join(root, "packages/admin/dist/app")
const at = (path: string) => pathToFileURL(join(root, path)).href

describe("where yinfa serve looks for the dashboard", () => {
  it("finds packages/admin/dist/app from the sources, the bin and a bundled chunk alike", () => {
    // The chunk is one level down from the package, the others two: a fixed ../.. missed it.
    for (const module of [
      "packages/server/src/cli/commands.ts",
      "packages/server/dist/cli/main.js",
      "packages/server/dist/commands-2YAEC7TM.js"
    ])
      expect(defaultAdminDist(at(module), {})).toBe(dashboard)
  })

  it("takes YINFA_ADMIN_DIST when it is set", () => {
    expect(defaultAdminDist(at("packages/server/dist/commands-2YAEC7TM.js"), { YINFA_ADMIN_DIST: "/srv/yinfa/admin" })).toBe(
      "/srv/yinfa/admin"
    )
  })
})
