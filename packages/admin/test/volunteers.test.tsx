import "./setup.js"
import { fireEvent, screen, waitFor } from "@testing-library/react"
import { HttpError } from "react-admin"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { fakeAuthProvider, fakeDataProvider, seed, users, validId, wrongCheckDigitId } from "./fixtures.js"
import { renderApp } from "./render.js"

describe("volunteer list", () => {
  it("renders a row per volunteer with the masked ID number as the server gives it", async () => {
    renderApp("/volunteers")
    expect(await screen.findByText("王建国")).toBeTruthy()
    expect(screen.getByText("李秀英")).toBeTruthy()
    expect(screen.getAllByText("3209**********0017").length).toBe(2)
    // Chinese labels: the column header and the enum value.
    expect(screen.getAllByText("志愿者编号").length).toBeGreaterThan(0)
    expect(screen.getAllByText("女").length).toBe(1)
  })

  it("shows a loading state while the data provider has not answered", async () => {
    const dataProvider = fakeDataProvider(undefined, { getList: () => new Promise(() => {}) })
    const { container } = renderApp("/volunteers", { dataProvider })
    await waitFor(() => expect(container.querySelector(".MuiSkeleton-root, [role=progressbar]")).toBeTruthy())
    expect(screen.queryByText("王建国")).toBeNull()
  })

  it("shows the empty state when there are no volunteers", async () => {
    const dataProvider = fakeDataProvider(undefined, {
      getList: async (resource, params) =>
        resource === "volunteers" ? { data: [], total: 0 } : fakeDataProvider().getList(resource, params)
    })
    renderApp("/volunteers", { dataProvider })
    expect(await screen.findByText("当前筛选条件下没有志愿者。")).toBeTruthy()
  })

  it("shows the server's message when loading fails", async () => {
    const dataProvider = fakeDataProvider(undefined, {
      getList: async () => {
        throw new HttpError("服务器暂时无法处理请求", 500, { message: "服务器暂时无法处理请求" })
      }
    })
    renderApp("/volunteers", { dataProvider })
    expect(await screen.findByText("服务器暂时无法处理请求")).toBeTruthy()
  })
})

describe("volunteer form", () => {
  it("refuses an ID number with a wrong check digit, in Chinese, without calling the server", async () => {
    let created = 0
    const dataProvider = fakeDataProvider(undefined, {
      create: async () => {
        created++
        return { data: { id: "x" } as any }
      }
    })
    renderApp("/volunteers/create", { dataProvider })
    const idInput = await screen.findByLabelText("身份证号码")
    fireEvent.change(idInput, { target: { value: wrongCheckDigitId } })
    fireEvent.blur(idInput)
    fireEvent.click(screen.getByRole("button", { name: "保存" }))
    expect(await screen.findByText("身份证号码校验位错误，请核对")).toBeTruthy()
    expect(created).toBe(0)
  })

  it("refuses a mobile number that is not 11 digits starting 13–19", async () => {
    renderApp("/volunteers/create")
    const phone = await screen.findByLabelText("手机号码")
    fireEvent.change(phone, { target: { value: "12800000000" } })
    fireEvent.blur(phone)
    fireEvent.click(screen.getByRole("button", { name: "保存" }))
    expect(await screen.findByText("请输入 11 位大陆手机号码")).toBeTruthy()
  })
})

describe("a volunteer's consent time", () => {
  const zone = process.env.TZ
  // A browser far from the city: its own zone would show 03:00 and store what is typed as New York time.
  beforeEach(() => {
    process.env.TZ = "America/New_York"
  })
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
  })

  it("is shown and typed on the city's clock, whatever the browser's zone", async () => {
    expect(new Date("2025-03-01T08:00:00.000Z").getTimezoneOffset()).toBe(300)
    const db = seed()
    let saved: Record<string, unknown> | undefined
    const dataProvider = fakeDataProvider(db, {
      update: async (_resource, { id, data }) => {
        saved = data as Record<string, unknown>
        return { data: { ...data, id } as any }
      }
    })
    renderApp("/volunteers/1", { dataProvider })
    const consent = (await screen.findByLabelText("本人同意时间", { exact: false })) as HTMLInputElement
    // Stored 2025-03-01T08:00Z: 16:00 in Yancheng.
    await waitFor(() => expect(consent.value).toBe("2025-03-01T16:00"))
    fireEvent.change(consent, { target: { value: "2025-03-02T09:30" } })
    fireEvent.click(screen.getByRole("button", { name: "保存" }))
    await waitFor(() => expect(saved?.consentAt).toBe("2025-03-02T01:30:00.000Z"))
  })
})

describe("roles on volunteers", () => {
  it("a viewer sees no create button on the list", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.viewer) })
    expect(await screen.findByText("王建国")).toBeTruthy()
    expect(screen.queryByRole("link", { name: /新建/ })).toBeNull()
  })

  it("a viewer sees no edit or reveal button on the show page", async () => {
    renderApp("/volunteers/1/show", { authProvider: fakeAuthProvider(users.viewer) })
    expect(await screen.findByText("亭湖区农业农村局")).toBeTruthy()
    expect(screen.queryByRole("link", { name: /编辑/ })).toBeNull()
    expect(screen.queryByRole("button", { name: /查看完整信息/ })).toBeNull()
  })

  it("a city admin sees create, edit and the reveal button", async () => {
    renderApp("/volunteers", { authProvider: fakeAuthProvider(users.city) })
    expect(await screen.findByRole("link", { name: /新建/ })).toBeTruthy()
  })

  it("an admin's show page offers edit, and 查看完整信息 reveals the ID number from /sensitive", async () => {
    renderApp("/volunteers/1/show", { authProvider: fakeAuthProvider(users.region) })
    expect(await screen.findByRole("link", { name: /编辑/ })).toBeTruthy()
    fireEvent.click(await screen.findByRole("button", { name: /查看完整信息/ }))
    expect(await screen.findByText(new RegExp(validId))).toBeTruthy()
  })

  it("the service record tab shows total hours, the star level and hours by category in Chinese formats", async () => {
    renderApp("/volunteers/1/show/service")
    expect(await screen.findByText("320.5 小时")).toBeTruthy()
    expect(screen.getByText("★★☆☆☆")).toBeTruthy()
    expect(screen.getByText("促进乡村振兴：300.5 小时")).toBeTruthy()
  })
})
