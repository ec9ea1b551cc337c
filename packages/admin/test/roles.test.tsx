import "./setup.js"
import { fireEvent, screen } from "@testing-library/react"
import { describe, expect, it } from "vitest"
import { canAccessFor } from "../src/providers/authProvider.js"
import { fakeAuthProvider, users } from "./fixtures.js"
import { renderApp } from "./render.js"

/** Opens the "添加筛选" menu and returns the filter names it offers. */
const offeredFilters = async () => {
  fireEvent.click(await screen.findByRole("button", { name: /添加筛选/ }))
  const items = await screen.findAllByRole("menuitemcheckbox").catch(() => screen.findAllByRole("menuitem"))
  return items.map((i) => i.textContent ?? "")
}

describe("role-aware screens", () => {
  it("a city admin can filter volunteers by region", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.city) })
    await screen.findByText("王建国")
    expect((await offeredFilters()).some((t) => t.includes("辖区"))).toBe(true)
  })

  it("a region admin is offered no region filter", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.region) })
    await screen.findByText("王建国")
    const filters = await offeredFilters()
    expect(filters.some((t) => t.includes("服务意向"))).toBe(true)
    expect(filters.some((t) => t.includes("辖区"))).toBe(false)
  })

  it("a region admin's form shows their region fixed, not a picker", async () => {
    renderApp("/volunteers/create", { authProvider: fakeAuthProvider(users.region) })
    expect(await screen.findByText("亭湖区")).toBeTruthy()
    expect(screen.queryByRole("combobox", { name: /辖区/ })).toBeNull()
  })

  it("a city admin picks the region in the form", async () => {
    renderApp("/volunteers/create", { authProvider: fakeAuthProvider(users.city) })
    expect(await screen.findByRole("combobox", { name: /辖区/ })).toBeTruthy()
  })

  it("the users menu item is there for a city admin only", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.city) })
    expect(await screen.findByRole("menuitem", { name: /用户/ })).toBeTruthy()
  })

  it("a region admin has no users menu item", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.region) })
    await screen.findByText("王建国")
    expect(await screen.findByRole("menuitem", { name: /志愿者/ })).toBeTruthy()
    expect(screen.queryByRole("menuitem", { name: /^用户$/ })).toBeNull()
  })
})

describe("canAccessFor", () => {
  const city = { role: "city-admin", regionCode: null } as const
  const region = { role: "region-admin", regionCode: "320902" } as const
  const viewer = { role: "viewer", regionCode: null } as const
  it("viewers read everything in scope and write nothing", () => {
    expect(canAccessFor(viewer, "volunteers", "list")).toBe(true)
    expect(canAccessFor(viewer, "volunteers", "edit")).toBe(false)
    expect(canAccessFor(viewer, "activities", "publish")).toBe(false)
    expect(canAccessFor(viewer, "volunteers", "reveal")).toBe(false)
  })
  it("report review and user management are the city bureau's", () => {
    expect(canAccessFor(region, "experience-reports", "submit")).toBe(true)
    expect(canAccessFor(region, "experience-reports", "accept")).toBe(false)
    expect(canAccessFor(region, "experience-reports", "return")).toBe(false)
    expect(canAccessFor(city, "experience-reports", "publish")).toBe(true)
    expect(canAccessFor(region, "users", "list")).toBe(false)
    expect(canAccessFor(city, "users", "create")).toBe(true)
  })
  it("the ledger and the audit log are never written from the UI", () => {
    expect(canAccessFor(city, "service-hours", "create")).toBe(false)
    expect(canAccessFor(city, "audit-log", "delete")).toBe(false)
    expect(canAccessFor(city, "audit-log", "list")).toBe(true)
  })
  it("nobody signed in may do anything", () => {
    expect(canAccessFor(null, "volunteers", "list")).toBe(false)
  })
})
