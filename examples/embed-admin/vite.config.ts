import react from "@vitejs/plugin-react"
import { defaultClientConditions, defineConfig } from "vite"

// Inside the monorepo the example builds @yinfa/admin and @yinfa/core from their sources (the
// `source` export condition); an app outside it drops `resolve` and uses the published dist.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { "/api": "http://localhost:3000" } }
})
