import "./setup.js"
import { fireEvent, screen, waitFor, within } from "@testing-library/react"
import type { CoverageRow, Overview, SeriesPoint } from "@yinfa/core"
import { afterEach, describe, expect, it, vi } from "vitest"
import type { StatsParams } from "../src/providers/dataProvider.js"
import { fakeAuthProvider, fakeDataProvider, users } from "./fixtures.js"
import { renderApp } from "./render.js"

const overview = (filter: StatsParams): Overview => ({
  filter: filter as Overview["filter"],
  volunteers: {
    active: 12345,
    inTalentPool: 678,
    joined: 90,
    byAgeBand: [
      { band: "55-59", count: 11 },
      { band: "60-64", count: 1234 },
      { band: "80+", count: 7 }
    ]
  },
  activitiesHeld: 321,
  participations: 4567,
  volunteersServing: 890,
  serviceHours: 23456.5,
  beneficiariesReached: 98765,
  pairings: { active: 40, concluded: 12, started: 9 },
  reports: { submitted: 30, accepted: 20, published: 10 },
  hoursByCategory: [{ category: "party-story", hours: 1000 }],
  // In code order, as the server groups them: 盐都区 (320903) before 亭湖区 (320902) is not the regions' order.
  hoursByRegion: [
    { regionCode: "320903", hours: 500 },
    { regionCode: "320902", hours: 2000 }
  ]
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
const coverage: CoverageRow[] = [
  { regionCode: "320902", category: "new-generation", activitiesHeld: 7, serviceHours: 42 },
  { regionCode: "320903", category: "party-story", activitiesHeld: 1, serviceHours: 3.5 }
]

const statsProvider = (seen: StatsParams[], overviewOf: (params: StatsParams) => Overview = overview) =>
  fakeDataProvider(undefined, {
    stats: (async (kind: string, params: StatsParams) => {
      seen.push(params)
      return { data: kind === "overview" ? overviewOf(params) : kind === "series" ? series : coverage }
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
    expect(screen.getByText("7 场")).toBeTruthy()
    expect(screen.getByText("1 场")).toBeTruthy()
  })

  it("offers a region picker to city admins, and passes the chosen region", async () => {
    const seen: StatsParams[] = []
    renderApp("/", { dataProvider: statsProvider(seen), authProvider: fakeAuthProvider(users.city) })
    fireEvent.mouseDown(await screen.findByRole("combobox", { name: "辖区" }))
    fireEvent.click(await screen.findByRole("option", { name: "盐都区" }))
    await screen.findByText("12,345")
    expect(seen.at(-1)?.regionCode).toBe("320903")
  })

  it("has no region picker for a region admin (the server scopes their figures), nor a chart of one region's bar", async () => {
    const ownRegion = (params: StatsParams): Overview => ({ ...overview(params), hoursByRegion: [{ regionCode: "320902", hours: 2000 }] })
    renderApp("/", { dataProvider: statsProvider([], ownRegion), authProvider: fakeAuthProvider(users.region) })
    expect(await screen.findByText("12,345")).toBeTruthy()
    expect(screen.queryByRole("combobox", { name: "辖区" })).toBeNull()
    expect(screen.getByRole("combobox", { name: "类别" })).toBeTruthy()
    expect(await screen.findByText("各类别服务时长")).toBeTruthy()
    expect(screen.queryByText("各辖区服务时长")).toBeNull()
  })

  it("switches to English from the app bar", async () => {
    renderApp("/", { dataProvider: statsProvider([]) })
    await screen.findByText("12,345")
    fireEvent.click(screen.getByRole("button", { name: /简体中文/ }))
    fireEvent.click(await screen.findByRole("menuitem", { name: "English" }))
    expect(await screen.findByText("Hours by category")).toBeTruthy()
    expect(screen.getByText("23,456.5 h")).toBeTruthy()
    // One activity, not "1 activities".
    expect(screen.getByText("7 activities")).toBeTruthy()
    expect(screen.getByText("1 activity")).toBeTruthy()
  })

  it("charts the volunteers' age bands", async () => {
    // jsdom lays nothing out: give recharts' container the size a browser would, or it draws nothing.
    const rect = vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 600, 240))
    renderApp("/", { dataProvider: statsProvider([]) })
    const panel = (await screen.findByText("志愿者年龄结构")).closest(".MuiCard-root") as HTMLElement
    // The chart module is loaded lazily: the bands appear once it has.
    expect(await within(panel).findByText("55-59岁")).toBeTruthy()
    expect(within(panel).getByText("60-64岁")).toBeTruthy()
    expect(within(panel).getByText("80+岁")).toBeTruthy()
    // Each bar is labelled with its count, in Chinese number format.
    expect(within(panel).getByText("1,234")).toBeTruthy()
    rect.mockRestore()
  })

  it("charts the hours by region in the regions' own order, a bar per row", async () => {
    const rect = vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 600, 300))
    renderApp("/", { dataProvider: statsProvider([]) })
    const panel = (await screen.findByText("各辖区服务时长")).closest(".MuiCard-root") as HTMLElement
    const tinghu = await within(panel).findByText("亭湖区")
    const yandu = within(panel).getByText("盐都区")
    // Rows from the top: 亭湖区 (sort order 1) above 盐都区 (2).
    expect(Number(tinghu.closest("text")?.getAttribute("y"))).toBeLessThan(Number(yandu.closest("text")?.getAttribute("y")))
    rect.mockRestore()
  })
})

describe("report pack", () => {
  afterEach(() => vi.unstubAllGlobals())

  it("downloads the pack of the period and region on screen, or shows the printable one", async () => {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      String(url).includes("format=html")
        ? new Response("<h1>志愿服务工作报表</h1>", { status: 200 })
        : new Response("x", { status: 200, headers: { "Content-Disposition": 'attachment; filename="pack.xlsx"' } })
    )
    vi.stubGlobal("fetch", fetchMock)
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => undefined }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined)
    renderApp("/", { dataProvider: statsProvider([]) })
    fireEvent.mouseDown(await screen.findByRole("combobox", { name: "辖区" }))
    fireEvent.click(await screen.findByRole("option", { name: "盐都区" }))
    await screen.findByText("12,345")

    fireEvent.click(screen.getByRole("button", { name: "导出报送材料" }))
    fireEvent.click(await screen.findByRole("menuitem", { name: "Excel 报表（六张表）" }))
    await waitFor(() => expect(click).toHaveBeenCalled())
    const xlsx = new URL(String(fetchMock.mock.calls[0][0]), "http://x")
    expect(xlsx.pathname).toBe("/api/report-pack")
    expect(xlsx.searchParams.get("format")).toBe("xlsx")
    expect(xlsx.searchParams.get("regionCode")).toBe("320903")
    expect(xlsx.searchParams.get("from")).toMatch(/^\d{4}-01-01$/)
    expect(xlsx.searchParams.get("to")).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    // The button stays disabled until the download has finished, a moment after the link's click.
    await waitFor(() => expect(screen.getByRole("button", { name: "导出报送材料" }).hasAttribute("disabled")).toBe(false))
    fireEvent.click(screen.getByRole("button", { name: "导出报送材料" }))
    fireEvent.click(await screen.findByRole("menuitem", { name: "打印版" }))
    const frame = (await screen.findByTitle("志愿服务工作报表")) as HTMLIFrameElement
    expect(frame.getAttribute("srcdoc")).toContain("志愿服务工作报表")
    expect(new URL(String(fetchMock.mock.calls[1][0]), "http://x").searchParams.get("format")).toBe("html")
    click.mockRestore()
  })
})
