import "./setup.js"
import { fireEvent, screen, waitFor, within } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { fakeDataProvider, seed } from "./fixtures.js"
import { renderApp } from "./render.js"

/**
 * Forms whose defaults are "today" or "this year" take them from the city's clock: at 01:30 on
 * New Year's Day in Yancheng the browser's UTC clock still says 31 December of the old year.
 */
describe("defaults from the city's clock", () => {
  beforeEach(() => {
    // Only Date: react-admin's own timers keep running.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-12-31T17:30:00Z") })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it("a check-in is dated the city's today", async () => {
    let created: Record<string, unknown> | undefined
    const db = {
      ...seed(),
      pairings: [{ id: "pr-1", mentorId: "1", menteeName: "李立新", regionCode: "320902", status: "active", category: "new-generation" }],
      "pairing-check-ins": []
    }
    const dataProvider = fakeDataProvider(db, {
      create: async (_resource, { data }) => {
        created = data as Record<string, unknown>
        return { data: { id: "c-1", ...data } as any }
      }
    })
    renderApp("/pairings/pr-1/show", { dataProvider })
    fireEvent.click(await screen.findByRole("button", { name: "添加帮带记录" }))
    const dialog = await screen.findByRole("dialog")
    const date = within(dialog).getByLabelText("日期", { exact: false }) as HTMLInputElement
    expect(date.value).toBe("2027-01-01")
    fireEvent.click(within(dialog).getByRole("button", { name: "保存" }))
    await waitFor(() => expect(created).toMatchObject({ pairingId: "pr-1", date: "2027-01-01" }))
  })

  it("a new exemplar's year and a new brand project's first year are the city's year", async () => {
    const first = renderApp("/exemplars/create", { dataProvider: fakeDataProvider() })
    expect(((await screen.findByLabelText("年度", { exact: false })) as HTMLInputElement).value).toBe("2027")
    first.unmount()
    renderApp("/brand-projects/create", { dataProvider: fakeDataProvider() })
    expect(((await screen.findByLabelText("创立年份", { exact: false })) as HTMLInputElement).value).toBe("2027")
  })
})
