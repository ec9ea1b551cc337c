import "./setup.js"
import { fireEvent, render, screen } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"
import { memorySession } from "../src/providers/session.js"
import { YinfaAdmin } from "../src/YinfaAdmin.js"
import { freshStore } from "./fixtures.js"

afterEach(() => vi.unstubAllGlobals())

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } })

describe("signing in with the real providers", () => {
  it("sends an anonymous visitor to the Chinese login page without looping", async () => {
    const navigations = vi.spyOn(window.history, "replaceState")
    vi.stubGlobal("fetch", async () => json(401, { message: "请先登录" }))
    window.location.hash = "#/"
    render(<YinfaAdmin session={memorySession()} store={freshStore()} />)
    expect(await screen.findByRole("button", { name: "登录" })).toBeTruthy()
    await new Promise((r) => setTimeout(r, 1000))
    // A redirect loop between the login page and a protected route shows up as hundreds of navigations.
    expect(navigations.mock.calls.length).toBeLessThan(20)
    expect(window.location.hash).toBe("#/login")
  })

  it("signs in against /api/auth/login and opens the dashboard", async () => {
    const session = memorySession()
    const requests: string[] = []
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? "GET"} ${url}`)
      if (url === "/api/auth/login")
        return json(200, {
          token: "tok",
          user: { id: "u1", username: "city", displayName: "市局管理员", role: "city-admin", regionCode: null }
        })
      if (url === "/api/auth/me")
        return json(200, { id: "u1", username: "city", displayName: "市局管理员", role: "city-admin", regionCode: null })
      if (url.startsWith("/api/regions")) return json(200, [], { "Content-Range": "regions 0-0/0" })
      if (url.startsWith("/api/stats/")) return json(200, url.includes("overview") ? null : [])
      return json(404, { message: "不存在" })
    })
    window.location.hash = "#/login"
    render(<YinfaAdmin session={session} store={freshStore()} />)
    fireEvent.change(await screen.findByLabelText(/用户名/), { target: { value: "city" } })
    fireEvent.change(document.querySelector("input[name=password]")!, { target: { value: "secret-123" } })
    fireEvent.click(screen.getByRole("button", { name: "登录" }))
    expect(await screen.findByText("统计期间", { selector: "label" })).toBeTruthy()
    expect(session.get()?.token).toBe("tok")
    expect(requests).toContain("POST /api/auth/login")
    expect(await screen.findByRole("menuitem", { name: /用户/ })).toBeTruthy()
  })
})
