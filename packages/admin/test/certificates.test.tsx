import "./setup.js"
import { fireEvent, screen, waitFor, within } from "@testing-library/react"
import type { CertificateVerification } from "@yinfa/core"
import { afterEach, describe, expect, it, vi } from "vitest"
import { fakeAuthProvider, fakeDataProvider, seed, users } from "./fixtures.js"
import { renderApp } from "./render.js"

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const verification: CertificateVerification = {
  certificateNumber: "YF2025-000001-ABCD",
  volunteerName: "王建国",
  volunteerNumber: "YC202500001",
  maskedIdNumber: "3209**********0017",
  totalHours: 320.5,
  starLevel: 2,
  serviceSummary: "讲好党的故事 120 小时；助力乡村振兴 200.5 小时",
  periodFrom: "2025-01-01",
  periodTo: "2025-12-31",
  issuer: { name: "盐城市委老干部局", personInCharge: "张主任", contact: "0515-88888888" },
  issuedOn: "2026-01-05"
}

describe("service certificates", () => {
  it("lets an admin issue one from the volunteer's page and shows the printable document", async () => {
    const issued: unknown[] = []
    const dataProvider = fakeDataProvider(undefined, {
      issueCertificate: async (volunteerId, body) => {
        issued.push([volunteerId, body])
        return { data: { id: "c9", certificateNumber: "YF2025-000009-WXYZ" } }
      }
    })
    const fetchMock = vi.fn(
      async (_url: string, _init?: RequestInit) => new Response("<h1>志愿服务证明</h1><p>王建国</p>", { status: 200 })
    )
    vi.stubGlobal("fetch", fetchMock)
    renderApp("/volunteers/1/show", { dataProvider, authProvider: fakeAuthProvider(users.region) })
    fireEvent.click(await screen.findByRole("button", { name: "开具服务证明" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.change(within(dialog).getByLabelText("服务期间起"), { target: { value: "2025-01-01" } })
    fireEvent.click(within(dialog).getByRole("button", { name: "开具服务证明" }))

    const frame = (await screen.findByTitle("服务证明")) as HTMLIFrameElement
    expect(frame.getAttribute("srcdoc")).toContain("<p>王建国</p>")
    // Scripts never run in the document's frame.
    expect(frame.getAttribute("sandbox")).not.toContain("allow-scripts")
    expect(issued).toEqual([["1", { periodFrom: "2025-01-01" }]])
    expect(String(fetchMock.mock.calls[0][0])).toBe("/api/certificates/c9/document")
    expect(new Headers(fetchMock.mock.calls[0][1]?.headers).get("Authorization")).toBe("Bearer test-token")
    expect(await screen.findByText("已开具服务证明 YF2025-000009-WXYZ")).toBeTruthy()
  })

  it("shows the server's refusal to issue", async () => {
    const dataProvider = fakeDataProvider(undefined, {
      issueCertificate: async () => Promise.reject(Object.assign(new Error("该期间没有已核实的服务时长，不能开具证明"), { status: 409 }))
    })
    renderApp("/volunteers/1/show", { dataProvider })
    fireEvent.click(await screen.findByRole("button", { name: "开具服务证明" }))
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "开具服务证明" }))
    expect(await screen.findByText("该期间没有已核实的服务时长，不能开具证明")).toBeTruthy()
  })

  it("offers no issuing to viewers", async () => {
    renderApp("/volunteers/1/show", { authProvider: fakeAuthProvider(users.viewer) })
    expect(await screen.findByText("亭湖区农业农村局")).toBeTruthy()
    expect(screen.queryByRole("button", { name: "开具服务证明" })).toBeNull()
  })

  it("lists issued certificates read-only, with their print link", async () => {
    const db = {
      certificates: [
        {
          id: "c1",
          certificateNumber: "YF2025-000001-ABCD",
          volunteerId: "1",
          volunteerName: "王建国",
          volunteerNumber: "YC202500001",
          totalHours: 320.5,
          starLevel: 2,
          issuedOn: "2026-01-05"
        }
      ]
    }
    renderApp("/certificates", { dataProvider: fakeDataProvider({ ...seed(), ...db }) })
    expect(await screen.findByText("YF2025-000001-ABCD")).toBeTruthy()
    expect(screen.getByText("320.5 小时")).toBeTruthy()
    expect(screen.getByText("★★☆☆☆")).toBeTruthy()
    expect(screen.getByText("2026年1月5日")).toBeTruthy()
    expect(screen.getByRole("button", { name: "打印证明" })).toBeTruthy()
    expect(screen.queryByRole("link", { name: "新建" })).toBeNull()
  })

  it("before the first certificate, says where certificates are issued and verified", async () => {
    renderApp("/certificates", { dataProvider: fakeDataProvider({ ...seed(), certificates: [] }) })
    expect(await screen.findByText("还没有开具服务证明。")).toBeTruthy()
    expect(screen.getByText(/在志愿者详情页点击“开具服务证明”开具/)).toBeTruthy()
    expect(screen.getByRole("link", { name: "志愿者" }).getAttribute("href")).toBe("#/volunteers")
    fireEvent.click(screen.getByRole("link", { name: "查验服务证明" }))
    await waitFor(() => expect(window.location.hash).toBe("#/verify"))
  })
})

describe("public verification page", () => {
  it("shows what the certificate shows, asked without a token", async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(verification), { status: 200 }))
    vi.stubGlobal("fetch", fetchMock)
    // Signed out: the page needs no account.
    const signedOut = {
      ...fakeAuthProvider(users.viewer),
      checkAuth: () => Promise.reject(new Error("no")),
      getPermissions: async () => null
    }
    renderApp("/verify/YF2025-000001-ABCD", { authProvider: signedOut })
    expect(await screen.findByText("该服务证明真实有效，内容如下：")).toBeTruthy()
    for (const text of ["王建国", "YC202500001", "3209**********0017", "320.5 小时", "★★☆☆☆（2 星）", "盐城市委老干部局", "2026年1月5日"])
      expect(screen.getByText(text)).toBeTruthy()
    expect(screen.getByText("2025年1月1日 — 2025年12月31日")).toBeTruthy()
    expect(String(fetchMock.mock.calls[0][0])).toBe("/api/certificates/verify/YF2025-000001-ABCD")
    expect(new Headers(fetchMock.mock.calls[0][1]?.headers).has("Authorization")).toBe(false)
    // No dashboard chrome around it.
    expect(screen.queryByRole("menuitem", { name: "志愿者" })).toBeNull()
  })

  it("says so when the number is unknown, and checks a typed number", async () => {
    const fetchMock = vi.fn(async (url: string) =>
      String(url).endsWith("YF2025-000001-ABCD")
        ? new Response(JSON.stringify(verification), { status: 200 })
        : new Response(JSON.stringify({ message: "记录不存在" }), { status: 404 })
    )
    vi.stubGlobal("fetch", fetchMock)
    renderApp("/verify/NOPE")
    expect(await screen.findByText("未找到编号为 NOPE 的服务证明，请核对后重试。")).toBeTruthy()
    fireEvent.change(screen.getByLabelText("证明编号"), { target: { value: " YF2025-000001-ABCD " } })
    fireEvent.click(screen.getByRole("button", { name: "查验" }))
    expect(await screen.findByText("该服务证明真实有效，内容如下：")).toBeTruthy()
    await waitFor(() => expect(window.location.hash).toBe("#/verify/YF2025-000001-ABCD"))
  })

  it("shows a certificate without a star as the certificate prints it, not as a dash", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ ...verification, starLevel: 0, totalHours: 23.5 }), { status: 200 }))
    renderApp("/verify/YF2025-000001-ABCD")
    expect(await screen.findByText("☆☆☆☆☆（0 星）")).toBeTruthy()
  })
})
