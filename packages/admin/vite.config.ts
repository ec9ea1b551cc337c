import react from "@vitejs/plugin-react"
import { defaultClientConditions, defineConfig } from "vite"
import pkg from "./package.json" with { type: "json" }

/**
 * One config, two builds:
 *   vite build             → dist/app: the standalone app the server serves at `/` (API at `/api`)
 *   vite build --mode lib  → dist/lib: the ES module other react-admin apps import
 * Both resolve workspace packages through the `source` condition, so `@yinfa/core` is bundled
 * from its sources into the app without being built first.
 */
const dependencies = Object.keys(pkg.dependencies)
// A bare import of a dependency or any of its subpaths (react/jsx-runtime, @mui/material/styles).
const isExternal = (id: string) => dependencies.some((d) => id === d || id.startsWith(`${d}/`))
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|@mui|@emotion|react-admin|ra-[^\\/]+|react-router|react-router-dom|@tanstack|react-hook-form|react-error-boundary|@popperjs|react-transition-group|react-is|lodash|inflection|clsx|jsonexport|query-string|polyglot|node-polyglot)[\\/]/

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  // The app is served from the site root by the yinfa server; routing is by hash, so any path works.
  base: "/",
  server: {
    // `npm run dev` beside a local `yinfa serve` (default port 3000): same origin for the browser.
    proxy: { "/api": "http://localhost:3000" }
  },
  build:
    mode === "lib"
      ? {
          outDir: "dist/lib",
          emptyOutDir: true,
          sourcemap: true,
          lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "index.js" },
          // The resource views are lazy (import()): their chunks sit beside index.js, and the host's
          // bundler keeps them as separate chunks of its own app.
          rolldownOptions: { external: isExternal, output: { chunkFileNames: "chunks/[name]-[hash].js" } }
        }
      : {
          outDir: "dist/app",
          emptyOutDir: true,
          sourcemap: true,
          // The vendor chunk (React, MUI, react-admin: ~1.1 MB, 356 kB gzip) is one cached download.
          chunkSizeWarningLimit: 1200,
          rolldownOptions: {
            output: {
              // Vite 8 bundles with rolldown: `codeSplitting.groups` is what rollup's `manualChunks` was.
              // The framework (React, MUI, react-admin and its router/query/form libraries) changes
              // only with an upgrade: one chunk the browser keeps across yinfa releases. Listed by
              // name rather than "all of node_modules" so that recharts and what only it uses stay
              // in the dashboard's lazy chunk instead of being pulled into the first load.
              // Effect (what @yinfa/core's schemas are built with) in its own chunk, should a view
              // need a schema: the first load does not (docs/admin.md, "Loading").
              codeSplitting: {
                groups: [
                  { name: "vendor", test: VENDOR, priority: 2 },
                  { name: "effect", test: /[\\/]node_modules[\\/]effect[\\/]/, priority: 1 }
                ]
              }
            }
          }
        }
}))
