import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/memory/index.ts", "src/sqlite/index.ts", "src/postgres/index.ts", "src/mysql/index.ts", "src/testing/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  external: ["@yinfa/core", "better-sqlite3", "pg", "mysql2", "kysely", "vitest", "@effect/vitest"]
})
