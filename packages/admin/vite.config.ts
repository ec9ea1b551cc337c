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
          rolldownOptions: { external: isExternal }
        }
      : { outDir: "dist/app", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4000 }
}))
