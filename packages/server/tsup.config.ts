import { defineConfig } from "tsup"

export default defineConfig({
  // The roster reader is a worker thread's own module (see moduleWorker.ts).
  entry: ["src/index.ts", "src/cli/main.ts", "src/importExport/rosterWorker.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  target: "es2022",
  // The bin runs straight from dist; a hashbang line is harmless in the library entry and chunks.
  banner: { js: "#!/usr/bin/env node" },
  external: [
    "@yinfa/core",
    "@yinfa/adapters",
    /^@yinfa\/adapters\//,
    "effect",
    /^effect\//,
    "@effect/platform",
    /^@effect\/platform\//,
    "@effect/platform-node",
    /^@effect\/platform-node\//
  ]
})
