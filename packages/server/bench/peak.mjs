/**
 * Runs a Node program in this process and, when the process exits, prints one line to stderr:
 * `PEAK {"ms":…,"peakRssMb":…}`: the wall time since this file started and the process's peak
 * resident set (getrusage maxrss, every thread included: a worker's heap counts).
 *
 *   node peak.mjs <program.js> [arguments…]
 */
import { pathToFileURL } from "node:url"

const start = performance.now()
const [program, ...args] = process.argv.slice(2)
process.argv = [process.argv[0], program, ...args]
process.on("exit", () => {
  // maxRSS is in kilobytes.
  const result = { ms: Math.round(performance.now() - start), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }
  process.stderr.write(`PEAK ${JSON.stringify(result)}\n`)
})
await import(pathToFileURL(program).href)
