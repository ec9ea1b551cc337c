import { defaultClientConditions, defaultServerConditions } from "vite"
import { defineConfig } from "vitest/config"

// Workspaces are tested from source: the `source` export condition points at src/.
const sourceFirst = {
  resolve: { conditions: ["source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions], externalConditions: ["source"] } }
}

export default defineConfig({
  ...sourceFirst,
  test: {
    projects: [
      { ...sourceFirst, test: { name: "core", include: ["packages/core/test/**/*.test.ts"] } },
      {
        ...sourceFirst,
        test: { name: "adapters", include: ["packages/adapters/test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 }
      },
      {
        ...sourceFirst,
        test: { name: "server", include: ["packages/server/test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 }
      },
      {
        ...sourceFirst,
        test: { name: "admin", include: ["packages/admin/test/**/*.test.{ts,tsx}"], environment: "jsdom" }
      },
      { ...sourceFirst, test: { name: "examples", include: ["examples/*/test/**/*.test.ts"], testTimeout: 60_000 } },
      { ...sourceFirst, test: { name: "e2e", include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 240_000 } }
    ]
  }
})
