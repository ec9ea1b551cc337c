import "./setup.js"
import { fireEvent, screen } from "@testing-library/react"
import type { CoverageRow, Overview, SeriesPoint } from "@yinfa/core"
import { describe, expect, it } from "vitest"
import type { StatsParams } from "../src/providers/dataProvider.js"
import { fakeAuthProvider, fakeDataProvider, users } from "./fixtures.js"
import { renderApp } from "./render.js"

const overview = (filter: StatsParams): Overview => ({
  filter: filter as Overview["filter"],
  volunteers: { active: 12345, inTalentPool: 678, joined: 90, byAgeBand: [] },
  activitiesHeld: 321,
  participations: 4567,
  volunteersServing: 890,
  serviceHours: 23456.5,
  beneficiariesReached: 98765,
  pairings: { active: 40, concluded: 12, started: 9 },
  reports: { submitted: 30, accepted: 20, published: 10 },
  hoursByCategory: [{ category: "party-story", hours: 1000 }],
  hoursByRegion: [{ regionCode: "320902", hours: 2000 }]
})
const series: SeriesPoint[] = [
  {
    month: "2025-01",
    activitiesHeld: 3,
    participations: 20,
    serviceHours: 50,
    beneficiariesReached: 100,
    volunteersJoined: 2,
    pairingsStarted: 1,
    reportsSubmitted: 0
  }
]
const coverage: CoverageRow[] = [{ regionCode: "320902", category: "new-generation", activitiesHeld: 7, serviceHours: 42 }]

const statsProvider = (seen: StatsParams[]) =>
  fakeDataProvider(undefined, {
    stats: (async (kind: string, params: StatsParams) => {
      seen.push(params)
      return { data: kind === "overview" ? overview(params) : kind === "series" ? series : coverage }
    }) as any
  })

describe("dashboard", () => {
  it("shows the figures in Chinese number formats and the coverage grid", async () => {
    renderApp("/", { dataProvider: statsProvider([]) })
    expect(await screen.findByText("12,345")).toBeTruthy()
    expect(screen.getByText("23,456.5 小时")).toBeTruthy()
    expect(screen.getByText("98,765")).toBeTruthy()
    expect(screen.getByText("进行中 40 · 本期新结对 9 · 已结束 12")).toBeTruthy()
    expect(await screen.findByText("“五个聚力”覆盖情况")).toBeTruthy()
    expect(screen.getByText("42 小时")).toBeTruthy()
  })

  it("offers a region picker to city admins, and passes the chosen region", async () => {
    const seen: StatsParams[] = []
    renderApp("/", { dataProvider: statsProvider(seen), authProvider: fakeAuthProvider(users.city) })
    fireEvent.mouseDown(await screen.findByRole("combobox", { name: "辖区" }))
    fireEvent.click(await screen.findByRole("option", { name: "盐都区" }))
    await screen.findByText("12,345")
    expect(seen.at(-1)?.regionCode).toBe("320903")
  })

  it("has no region picker for a region admin (the server scopes their figures)", async () => {
    renderApp("/", { dataProvider: statsProvider([]), authProvider: fakeAuthProvider(users.region) })
    expect(await screen.findByText("12,345")).toBeTruthy()
    expect(screen.queryByRole("combobox", { name: "辖区" })).toBeNull()
    expect(screen.getByRole("combobox", { name: "类别" })).toBeTruthy()
  })

  it("switches to English from the app bar", async () => {
    renderApp("/", { dataProvider: statsProvider([]) })
    await screen.findByText("12,345")
    fireEvent.click(screen.getByRole("button", { name: /简体中文/ }))
    fireEvent.click(await screen.findByRole("menuitem", { name: "English" }))
    expect(await screen.findByText("Hours by category")).toBeTruthy()
    expect(screen.getByText("23,456.5 h")).toBeTruthy()
  })
})
