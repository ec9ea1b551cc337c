import "./setup.js"
import { fireEvent, screen, waitFor, within } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import type { ImportResult } from "../src/importExport/client.js"
import { fakeAuthProvider, fakeDataProvider, seed, users } from "./fixtures.js"
import { renderApp } from "./render.js"

/** fetch as the export endpoint answers it: a file with a Content-Disposition. */
const fileFetch = () =>
  vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response("x", {
        status: 200,
        headers: { "Content-Disposition": "attachment; filename=\"v.xlsx\"; filename*=UTF-8''%E5%90%8D%E5%86%8C.xlsx" }
      })
  )

/** XMLHttpRequest that answers every upload with `answer` (status, body) and records what was sent. */
const fakeXhr = (status: number, answer: object) => {
  const sent: Array<{ url: string; headers: Record<string, string>; body: unknown }> = []
  class FakeXhr {
    status = 0
    responseText = ""
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null }
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    private url = ""
    private headers: Record<string, string> = {}
    open(_method: string, url: string) {
      this.url = url
    }
    setRequestHeader(k: string, v: string) {
      this.headers[k.toLowerCase()] = v
    }
    getResponseHeader(name: string) {
      return name.toLowerCase() === "content-type" ? "application/json" : null
    }
    send(body: unknown) {
      sent.push({ url: this.url, headers: this.headers, body })
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 1 } as ProgressEvent)
        this.status = status
        this.responseText = JSON.stringify(answer)
        this.onload?.()
      }, 0)
    }
  }
  return { FakeXhr, sent }
}

/**
 * XMLHttpRequest answering as the server does when asked for NDJSON: the first lines (progress)
 * arrive, then nothing until `finish()` delivers the rest (the last line) and ends the response.
 */
const streamingXhr = (first: ReadonlyArray<object>, rest: ReadonlyArray<object>) => {
  const sent: Array<{ headers: Record<string, string> }> = []
  let finish: () => void = () => undefined
  class StreamingXhr {
    status = 0
    responseText = ""
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null }
    onprogress: (() => void) | null = null
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    private headers: Record<string, string> = {}
    open() {}
    setRequestHeader(k: string, v: string) {
      this.headers[k.toLowerCase()] = v
    }
    getResponseHeader(name: string) {
      return name.toLowerCase() === "content-type" ? "application/x-ndjson" : null
    }
    send() {
      sent.push({ headers: this.headers })
      const lines = (xs: ReadonlyArray<object>) => xs.map((x) => `${JSON.stringify(x)}\n`).join("")
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 1 } as ProgressEvent)
        this.status = 200
        // A line cut in two on the way: only whole lines count.
        const text = lines(first)
        this.responseText = text.slice(0, -5)
        this.onprogress?.()
        this.responseText = text
        this.onprogress?.()
        finish = () => {
          this.responseText += lines(rest)
          this.onload?.()
        }
      }, 0)
    }
  }
  return { StreamingXhr, sent, finish: () => finish() }
}

const exportUrl = (fetchMock: ReturnType<typeof fileFetch>) => new URL(String(fetchMock.mock.calls.at(-1)?.[0]), "http://x")

let saved: string[]
beforeEach(() => {
  saved = []
  // jsdom has no object URLs; the anchor's download name is what the user would get.
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => undefined }))
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download)
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe("volunteer roster import", () => {
  it("uploads the file with the token and shows the row-by-row report in Chinese, with its download", async () => {
    const report: ImportResult = {
      mode: "all-or-nothing",
      committed: false,
      rows: 120,
      valid: 118,
      written: 0,
      issues: [
        { row: 37, column: "出生日期", message: "无法识别的日期“不详”，请填写如 2021-03-08" },
        { row: 52, column: "身份证号码", message: "身份证号码校验位错误，请核对" }
      ],
      ignoredColumns: [],
      summary: "共 120 行，其中 2 行有错误。因其他行有错误，全部未导入（可改用“仅导入正确行”）",
      workbookBase64: btoa("report")
    }
    const { FakeXhr, sent } = fakeXhr(200, report)
    vi.stubGlobal("XMLHttpRequest", FakeXhr)
    renderApp("/volunteers")
    fireEvent.click(await screen.findByRole("button", { name: "导入名册" }))
    const dialog = await screen.findByRole("dialog")
    const file = new File(["a,b"], "名册.csv", { type: "text/csv" })
    fireEvent.change(within(dialog).getByLabelText("选择文件"), { target: { files: [file] } })
    fireEvent.click(within(dialog).getByRole("checkbox"))
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))

    expect(await within(dialog).findByText(report.summary as string)).toBeTruthy()
    const table = within(dialog).getByRole("table", { name: "错误报告" })
    const rows = within(table).getAllByRole("row")
    expect(rows).toHaveLength(3)
    expect(rows[1].textContent).toContain("37")
    expect(rows[1].textContent).toContain("无法识别的日期“不详”")
    expect(rows[2].textContent).toContain("身份证号码校验位错误，请核对")

    expect(sent).toHaveLength(1)
    expect(sent[0].url).toBe("/api/import/volunteers?mode=valid-only")
    expect(sent[0].headers.authorization).toBe("Bearer test-token")
    expect(sent[0].headers["x-file-name"]).toBe(encodeURIComponent("名册.csv"))
    expect(sent[0].body).toBe(file)

    fireEvent.click(within(dialog).getByRole("button", { name: "下载错误报告" }))
    expect(saved).toEqual(["导入错误报告.xlsx"])
  })

  it("shows the server's progress, rows read and written, while a long import runs; then its report or its refusal", async () => {
    const report: ImportResult = {
      mode: "all-or-nothing",
      committed: true,
      rows: 1200,
      valid: 1200,
      written: 1200,
      issues: [],
      ignoredColumns: [],
      summary: "共 1200 行，已导入 1200 行。",
      workbookBase64: btoa("report")
    }
    const progress = (parsed: number, written: number) => ({
      progress: { phase: "reading", parsed, validated: parsed, written, failed: 0 }
    })
    const { StreamingXhr, sent, finish } = streamingXhr([progress(500, 500), progress(1000, 1000)], [{ report }])
    vi.stubGlobal("XMLHttpRequest", StreamingXhr)
    renderApp("/volunteers")
    fireEvent.click(await screen.findByRole("button", { name: "导入名册" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.change(within(dialog).getByLabelText("选择文件"), { target: { files: [new File(["a,b"], "名册.csv")] } })
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))

    expect((await within(dialog).findByRole("status")).textContent).toBe("已读取 1000 行，已写入 1000 行，0 行有错误")
    expect(sent[0].headers.accept).toContain("application/x-ndjson")
    finish()
    expect(await within(dialog).findByText(report.summary as string)).toBeTruthy()
    expect(within(dialog).queryByRole("status")).toBeNull()

    // A file the server refuses once reading has begun: the refusal is the stream's last line.
    const refusal = streamingXhr([progress(0, 0)], [{ error: { status: 400, message: "文件不是 Excel 或 CSV 表格" } }])
    vi.stubGlobal("XMLHttpRequest", refusal.StreamingXhr)
    fireEvent.change(within(dialog).getByLabelText("选择文件"), { target: { files: [new File(["x"], "坏.xlsx")] } })
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    await within(dialog).findByRole("status")
    refusal.finish()
    expect(await within(dialog).findByText("文件不是 Excel 或 CSV 表格")).toBeTruthy()
  })

  it("shows the server's refusal of an unreadable file", async () => {
    const { FakeXhr } = fakeXhr(400, { message: "无法读取文件：不是 .xlsx 或 .csv 文件" })
    vi.stubGlobal("XMLHttpRequest", FakeXhr)
    renderApp("/volunteers")
    fireEvent.click(await screen.findByRole("button", { name: "导入名册" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.change(within(dialog).getByLabelText("选择文件"), { target: { files: [new File(["?"], "x.doc")] } })
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    expect(await within(dialog).findByText("无法读取文件：不是 .xlsx 或 .csv 文件")).toBeTruthy()
  })

  it("says in Chinese when the server cannot be reached or answers without a message", async () => {
    class OfflineXhr {
      status = 0
      responseText = ""
      upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null }
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      open() {}
      setRequestHeader() {}
      send() {
        setTimeout(() => this.onerror?.(), 0)
      }
    }
    vi.stubGlobal("XMLHttpRequest", OfflineXhr)
    renderApp("/volunteers")
    fireEvent.click(await screen.findByRole("button", { name: "导入名册" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.change(within(dialog).getByLabelText("选择文件"), { target: { files: [new File(["a"], "名册.csv")] } })
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    expect(await within(dialog).findByText("无法连接服务器，请检查网络后重试。")).toBeTruthy()

    // An answer without a message (a proxy's, say): the status is all there is to say.
    const { FakeXhr } = fakeXhr(502, {})
    vi.stubGlobal("XMLHttpRequest", FakeXhr)
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    expect(await within(dialog).findByText("请求失败（HTTP 502），请稍后重试。")).toBeTruthy()
  })

  it("offers the attendance import on participations, and no import at all to viewers", async () => {
    const first = renderApp("/participations", { authProvider: fakeAuthProvider(users.region) })
    expect(await screen.findByRole("button", { name: "导入签到表" })).toBeTruthy()
    expect(screen.queryByRole("button", { name: "导入名册" })).toBeNull()
    first.unmount()

    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.viewer) })
    expect(await screen.findByText("王建国")).toBeTruthy()
    expect(screen.getByRole("button", { name: "导出 Excel" })).toBeTruthy()
    expect(screen.queryByRole("button", { name: "导入名册" })).toBeNull()
  })
})

describe("the roster import's region", () => {
  /** Opens the roster import as `user`, with a file chosen; returns the dialog. */
  const openImport = async (user: (typeof users)[keyof typeof users]) => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(user) })
    fireEvent.click(await screen.findByRole("button", { name: "导入名册" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.change(within(dialog).getByLabelText("选择文件"), { target: { files: [new File(["a,b"], "名册.csv")] } })
    return dialog
  }
  const report: ImportResult = { mode: "all-or-nothing", committed: true, rows: 1, valid: 1, written: 1, issues: [], ignoredColumns: [] }

  it("lets a city admin put every row in one region, sent as ?region=<code>", async () => {
    const { FakeXhr, sent } = fakeXhr(200, report)
    vi.stubGlobal("XMLHttpRequest", FakeXhr)
    const dialog = await openImport(users.city)
    const picker = within(dialog).getByRole("combobox", { name: "导入辖区" })
    // Empty by default: the file's 所属辖区 column decides, as the helper text says.
    expect(picker.textContent).toContain("按文件中的“所属辖区”列")
    expect(within(dialog).getByText(/留空则按文件每行的“所属辖区”列确定辖区/)).toBeTruthy()
    fireEvent.mouseDown(picker)
    fireEvent.click(await screen.findByRole("option", { name: "亭湖区" }))
    expect(picker.textContent).toContain("亭湖区")
    fireEvent.click(within(dialog).getByRole("checkbox"))
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    await waitFor(() => expect(sent).toHaveLength(1))
    const url = new URL(sent[0].url, "http://x")
    expect(url.pathname).toBe("/api/import/volunteers")
    expect(url.searchParams.get("region")).toBe("320902")
    expect(url.searchParams.get("mode")).toBe("valid-only")
  })

  it("sends no region when the city admin leaves the picker empty", async () => {
    const { FakeXhr, sent } = fakeXhr(200, report)
    vi.stubGlobal("XMLHttpRequest", FakeXhr)
    const dialog = await openImport(users.city)
    expect(within(dialog).getByRole("combobox", { name: "导入辖区" })).toBeTruthy()
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0].url).toBe("/api/import/volunteers")
  })

  it("shows no picker to a region admin, whose rows go into their own region", async () => {
    const { FakeXhr, sent } = fakeXhr(200, report)
    vi.stubGlobal("XMLHttpRequest", FakeXhr)
    const dialog = await openImport(users.region)
    expect(within(dialog).queryByRole("combobox", { name: "导入辖区" })).toBeNull()
    fireEvent.click(within(dialog).getByRole("button", { name: "开始导入" }))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0].url).toBe("/api/import/volunteers")
  })

  it("shows no picker to a viewer (who has no import at all)", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.viewer) })
    expect(await screen.findByText("王建国")).toBeTruthy()
    expect(screen.queryByRole("button", { name: "导入名册" })).toBeNull()
    expect(screen.queryByRole("combobox", { name: "导入辖区" })).toBeNull()
  })

  it("keeps the attendance import on an empty participations list, where the first sheet is imported", async () => {
    renderApp("/participations", { authProvider: fakeAuthProvider(users.city) })
    // Loaded and empty: the list's own empty message, not react-admin's toolbar-less empty page.
    expect(await screen.findByText(/没有找到/)).toBeTruthy()
    expect(screen.getByRole("button", { name: "导入签到表" })).toBeTruthy()
  })

  it("has no region picker on the attendance import (the server takes no region there)", async () => {
    // With one participation on the list: an empty list shows react-admin's empty page, without the actions.
    const db = seed()
    db.participations.push({ id: "p1", activityId: "a1", volunteerId: "1", regionCode: "320902", status: "attended", hours: 2 })
    renderApp("/participations", { dataProvider: fakeDataProvider(db), authProvider: fakeAuthProvider(users.city) })
    await screen.findByText("果树修剪技术指导")
    fireEvent.click(screen.getByRole("button", { name: "导入签到表" }))
    const dialog = await screen.findByRole("dialog")
    expect(within(dialog).getByLabelText("选择文件")).toBeTruthy()
    expect(within(dialog).queryByRole("combobox", { name: "导入辖区" })).toBeNull()
  })
})

describe("server-side export", () => {
  it("exports the list as filtered and sorted on screen, with the token", async () => {
    const fetchMock = fileFetch()
    vi.stubGlobal("fetch", fetchMock)
    renderApp("/volunteers")
    await screen.findByText("王建国")
    fireEvent.click(screen.getByRole("button", { name: "导出 Excel" }))
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    const url = exportUrl(fetchMock)
    expect(url.pathname).toBe("/api/export/volunteers")
    expect(url.searchParams.get("format")).toBe("xlsx")
    // The list's default filter (在册) and sort travel with it; no reveal unless asked for.
    expect(JSON.parse(url.searchParams.get("filter") ?? "")).toEqual({ status: "active" })
    expect(JSON.parse(url.searchParams.get("sort") ?? "")).toEqual(["volunteerNumber", "ASC"])
    expect(url.searchParams.has("reveal")).toBe(false)
    const headers = new Headers(fetchMock.mock.calls.at(-1)?.[1]?.headers)
    expect(headers.get("Authorization")).toBe("Bearer test-token")
    await waitFor(() => expect(saved).toEqual(["名册.xlsx"]))

    fireEvent.click(screen.getByRole("button", { name: "导出 CSV" }))
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2))
    expect(exportUrl(fetchMock).searchParams.get("format")).toBe("csv")
  })

  it("asks for full ID numbers and phones only when an admin ticks the option", async () => {
    const fetchMock = fileFetch()
    vi.stubGlobal("fetch", fetchMock)
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.region) })
    await screen.findByText("王建国")
    fireEvent.click(screen.getByRole("checkbox", { name: "含完整身份证号/手机号" }))
    fireEvent.click(screen.getByRole("button", { name: "导出 CSV" }))
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    expect(exportUrl(fetchMock).searchParams.get("reveal")).toBe("1")
    expect(exportUrl(fetchMock).searchParams.get("format")).toBe("csv")
  })

  it("gives viewers the masked export only", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.viewer) })
    await screen.findByText("王建国")
    expect(screen.getByRole("button", { name: "导出 CSV" })).toBeTruthy()
    expect(screen.queryByRole("checkbox", { name: "含完整身份证号/手机号" })).toBeNull()
  })

  it("replaces react-admin's client-side CSV export on the other lists", async () => {
    const fetchMock = fileFetch()
    vi.stubGlobal("fetch", fetchMock)
    renderApp("/activities")
    await screen.findByText("果树修剪技术指导")
    // react-admin's own button is labelled 导出 too: only yinfa's two remain.
    expect(screen.queryByRole("button", { name: "导出" })).toBeNull()
    expect(screen.queryByRole("checkbox", { name: "含完整身份证号/手机号" })).toBeNull()
    fireEvent.click(screen.getByRole("button", { name: "导出 Excel" }))
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    expect(exportUrl(fetchMock).pathname).toBe("/api/export/activities")
    expect(JSON.parse(exportUrl(fetchMock).searchParams.get("sort") ?? "")).toEqual(["startsAt", "DESC"])
  })

  it("shows the server's refusal of an export", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ message: "参数 filter 不合法：不能按 idNumber 筛选" }), { status: 400 }))
    )
    renderApp("/volunteers")
    await screen.findByText("王建国")
    fireEvent.click(screen.getByRole("button", { name: "导出 Excel" }))
    expect(await screen.findByText("参数 filter 不合法：不能按 idNumber 筛选")).toBeTruthy()
  })
})
