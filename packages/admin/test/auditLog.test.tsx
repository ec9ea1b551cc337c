import "./setup.js"
import { fireEvent, screen, within } from "@testing-library/react"
import { describe, expect, it } from "vitest"
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
