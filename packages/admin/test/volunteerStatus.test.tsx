import "./setup.js"
import { fireEvent, screen, waitFor, within } from "@testing-library/react"
import { HttpError } from "react-admin"
import { describe, expect, it } from "vitest"
import { fakeAuthProvider, fakeDataProvider, seed, users, volunteer } from "./fixtures.js"
import { renderApp } from "./render.js"

const withVolunteer = (status: string) => ({ ...seed(), volunteers: [volunteer("1", "王建国", { status })] })

describe("volunteer status actions", () => {
  it("offers 暂停 and 归档 for an active volunteer, not 恢复", async () => {
    renderApp("/volunteers/1/show", { dataProvider: fakeDataProvider(withVolunteer("active")) })
    expect(await screen.findByRole("button", { name: "暂停" })).toBeTruthy()
    expect(screen.getByRole("button", { name: "归档" })).toBeTruthy()
    expect(screen.queryByRole("button", { name: "恢复" })).toBeNull()
  })

  it("offers only 恢复 for an archived volunteer, and no editing", async () => {
    renderApp("/volunteers/1/show", { dataProvider: fakeDataProvider(withVolunteer("archived")) })
    expect(await screen.findByRole("button", { name: "恢复" })).toBeTruthy()
    expect(screen.queryByRole("button", { name: "暂停" })).toBeNull()
    expect(screen.queryByRole("button", { name: "归档" })).toBeNull()
    expect(screen.queryByRole("link", { name: "编辑" })).toBeNull()
  })

  it("archives with one of the fixed reasons and a note", async () => {
    const calls: unknown[] = []
    const dataProvider = fakeDataProvider(withVolunteer("paused"), {
      action: async (resource, id, action, body) => {
        calls.push([resource, id, action, body])
        return { data: { ...volunteer("1", "王建国"), status: "archived" } }
      }
    })
    renderApp("/volunteers/1/show", { dataProvider, authProvider: fakeAuthProvider(users.region) })
    fireEvent.click(await screen.findByRole("button", { name: "归档" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.mouseDown(within(dialog).getByRole("combobox", { name: /归档原因/ }))
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent)
    expect(options).toEqual(expect.arrayContaining(["身体原因", "迁居", "去世", "本人退出"]))
    fireEvent.click(screen.getByRole("option", { name: "迁居" }))
    fireEvent.change(within(dialog).getByLabelText("归档说明"), { target: { value: "随子女迁往南京" } })
    fireEvent.click(within(dialog).getByRole("button", { name: "归档" }))
    await waitFor(() => expect(calls).toEqual([["volunteers", "1", "archive", { reason: "moved", note: "随子女迁往南京" }]]))
    expect(await screen.findByText("操作成功")).toBeTruthy()
  })

  it("shows the server's refusal as it words it", async () => {
    const dataProvider = fakeDataProvider(withVolunteer("active"), {
      action: async () => {
        throw new HttpError("志愿者当前状态为“已暂停”，不能执行“暂停”", 409, { message: "志愿者当前状态为“已暂停”，不能执行“暂停”" })
      }
    })
    renderApp("/volunteers/1/show", { dataProvider })
    fireEvent.click(await screen.findByRole("button", { name: "暂停" }))
    expect(await screen.findByText("志愿者当前状态为“已暂停”，不能执行“暂停”")).toBeTruthy()
  })

  it("offers viewers no status change", async () => {
    renderApp("/volunteers/1/show", {
      dataProvider: fakeDataProvider(withVolunteer("paused")),
      authProvider: fakeAuthProvider(users.viewer)
    })
    expect(await screen.findByText("亭湖区农业农村局")).toBeTruthy()
    for (const name of ["暂停", "归档", "恢复"]) expect(screen.queryByRole("button", { name })).toBeNull()
  })
})
