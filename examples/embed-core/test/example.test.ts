import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { expect, it } from "vitest"

const run = promisify(execFile)

it("the embed-core example runs and prints the month's figures and the star level", async () => {
  const cwd = fileURLToPath(new URL("..", import.meta.url))
  const { stdout } = await run("npx", ["tsx", "--conditions=source", "main.ts"], { cwd })
  expect(stdout).toContain("service hours this month: 5")
  expect(stdout).toContain("participations: 2")
  expect(stdout).toMatch(/王建国（YC\d{4}\d{6}）累计 2\.5 小时，0 星/)
})
