import "./setup.js"
import { fireEvent, screen, waitFor, within } from "@testing-library/react"
import { describe, expect, it } from "vitest"
import { HttpError } from "react-admin"
import { fakeDataProvider, seed } from "./fixtures.js"
import { renderApp } from "./render.js"

const entry = (id: string, resource: string, action: string) => ({
  id,
  at: "2026-03-20T02:00:00.000Z",
  actorId: "u-tinghu",
  actorName: "亭湖区老干部局",
  actorRole: "region-admin",
  resource,
  recordId: `r-${id}`,
  action,
  regionCode: "320902",
  changes: {},
  note: ""
})

describe("the audit log", () => {
  it("names what was changed and what was done in words, not as codes", async () => {
    const db = {
      ...seed(),
      "audit-log": [
        entry("1", "participations", "attend"),
        entry("2", "service-hours", "create"),
        entry("3", "volunteers", "read-sensitive")
      ]
    }
    renderApp("/audit-log", { dataProvider: fakeDataProvider(db) })
    const table = await screen.findByRole("table")
    await within(table).findByText("登记出勤")
    const rows = within(table).getAllByRole("row").slice(1)
    const cells = rows.map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent)
    )
    expect(
      cells.map((c) => c.filter((t) => ["参与记录", "服务时长", "志愿者", "登记出勤", "新增", "查看敏感信息"].includes(t ?? "")))
    ).toEqual([
      ["参与记录", "登记出勤"],
      ["服务时长", "新增"],
      ["志愿者", "查看敏感信息"]
    ])
    for (const code of ["participations", "attend", "service-hours", "read-sensitive"]) expect(within(table).queryByText(code)).toBeNull()
    // The resource filter offers the resources by name, not their plural forms' raw text.
    fireEvent.mouseDown(screen.getByRole("combobox", { name: "资源" }))
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent)
    expect(options).toContain("活动")
    expect(options.filter((o) => o?.includes("||||"))).toEqual([])
  })

  it("an entry's changes are shown in the server's words: labels and names, not codes and ids", async () => {
    const changes = { status: { before: "published", after: "completed" }, partnerIds: { before: [], after: ["o-17"] } }
    const db = { ...seed(), "audit-log": [{ ...entry("9", "activities", "complete"), changes }] }
    const asked: Array<unknown> = []
    const dataProvider = fakeDataProvider(db, {
      auditChanges: async (id) => {
        asked.push(id)
        return {
          data: [
            { field: "status", label: "状态", before: "已发布", after: "已完成" },
            { field: "partnerIds", label: "协办单位", before: null, after: "亭湖区关工委" }
          ]
        }
      }
    })
    renderApp("/audit-log/9/show", { dataProvider })
    expect(await screen.findByText("已完成")).toBeTruthy()
    const row = (label: string) =>
      within(screen.getByText(label).closest("tr") as HTMLElement)
        .getAllByRole("cell")
        .map((c) => c.textContent)
    expect(row("状态")).toEqual(["状态", "已发布", "已完成"])
    expect(row("协办单位")).toEqual(["协办单位", "—", "亭湖区关工委"])
    for (const code of ["completed", "published", '["o-17"]']) expect(screen.queryByText(code)).toBeNull()
    expect(asked).toEqual(["9"])
    // The page title names the entry in words too, at the city's time (02:00 UTC is 10:00 in Yancheng).
    expect(await screen.findByText(/^操作日志 活动 · [^·a-z]+ · 2026年3月20日 10:00$/)).toBeTruthy()
    expect(document.body.textContent).not.toContain("2026-03-20T02:00:00.000Z")
  })

  it("when the words cannot be had, the stored values are still shown", async () => {
    const changes = { note: { before: null, after: "补录" } }
    const db = { ...seed(), "audit-log": [{ ...entry("8", "activities", "update"), changes }] }
    const dataProvider = fakeDataProvider(db, {
      auditChanges: async () => {
        throw new HttpError("服务器错误", 500, { message: "服务器错误" })
      }
    })
    renderApp("/audit-log/8/show", { dataProvider })
    expect(await screen.findByText("补录")).toBeTruthy()
    await waitFor(() => expect(screen.getByRole("table").getAttribute("aria-busy")).toBe("false"))
    expect(screen.getByText("补录")).toBeTruthy()
  })

  it("names the record an entry is about and links to it; a record gone, by id", async () => {
    const db = {
      ...seed(),
      "audit-log": [
        { ...entry("1", "volunteers", "update"), recordId: "1" },
        { ...entry("3", "activities", "delete"), recordId: "gone" }
      ]
    }
    renderApp("/audit-log", { dataProvider: fakeDataProvider(db) })
    const table = await screen.findByRole("table")
    const link = await within(table).findByRole("link", { name: /王建国/ })
    expect(link.getAttribute("href")).toBe("#/volunteers/1/show")
    expect(within(table).getByText("gone")).toBeTruthy()
    // The name opens the record, not the audit entry the row opens.
    fireEvent.click(link)
    await waitFor(() => expect(window.location.hash).toBe("#/volunteers/1/show"))
  })

  it("names a sign-up, an hour entry and a check-in through the records they belong to, not by id", async () => {
    const db = {
      ...seed(),
      participations: [{ id: "p-77", activityId: "a1", volunteerId: "1", regionCode: "320902", status: "attended", hours: 3 }],
      "service-hours": [{ id: "h-5", volunteerId: "2", regionCode: "320903", serviceDate: "2025-04-10", hours: 2.5, source: "manual" }],
      pairings: [{ id: "pr-1", mentorId: "1", menteeName: "李立新", regionCode: "320902", status: "active" }],
      "pairing-check-ins": [{ id: "c-9", pairingId: "pr-1", regionCode: "320902", date: "2025-05-06", hours: 1 }],
      "audit-log": [
        { ...entry("1", "participations", "attend"), recordId: "p-77" },
        { ...entry("2", "service-hours", "create"), recordId: "h-5" },
        { ...entry("3", "pairing-check-ins", "create"), recordId: "c-9" }
      ]
    }
    renderApp("/audit-log", { dataProvider: fakeDataProvider(db) })
    const table = await screen.findByRole("table")
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole("link")
          .map((l) => l.textContent)
      ).toEqual(["果树修剪技术指导 · 王建国（YC202500001）"])
    )
    const signUp = within(table).getByRole("link")
    expect(signUp.getAttribute("href")).toBe("#/participations/p-77/show")
    // Hour entries and check-ins have no page of their own: named, not linked.
    expect(await within(table).findByText("李秀英（YC202500002）")).toBeTruthy()
    const rows = within(table).getAllByRole("row").slice(1)
    await waitFor(() => expect(rows[1].textContent).toContain("李秀英（YC202500002） · 2025年4月10日 · 2.5 小时"))
    await waitFor(() => expect(rows[2].textContent).toContain("李立新 · 2025年5月6日"))
    for (const id of ["p-77", "h-5", "c-9"]) expect(within(table).queryByText(id)).toBeNull()
  })

  it("a record's own trail labels its actions too", async () => {
    const db = {
      ...seed(),
      "audit-log": [
        { ...entry("1", "volunteers", "read-sensitive"), recordId: "1" },
        { ...entry("2", "volunteers", "create"), recordId: "1" }
      ]
    }
    renderApp("/volunteers/1/show", { dataProvider: fakeDataProvider(db) })
    fireEvent.click(await screen.findByRole("tab", { name: "操作记录" }))
    expect(await screen.findByText("查看敏感信息")).toBeTruthy()
    expect(screen.getByText("新增")).toBeTruthy()
    expect(screen.queryByText("read-sensitive")).toBeNull()
  })
})
