import "./setup.js"
import { fireEvent, screen, within } from "@testing-library/react"
import type { Candidate } from "@yinfa/core"
import { HttpError } from "react-admin"
import { describe, expect, it } from "vitest"
import { activity, fakeAuthProvider, fakeDataProvider, seed, users } from "./fixtures.js"
import { renderApp } from "./render.js"

/** An activity still to come. */
const later = activity("later", "重阳节敬老志愿服务", { status: "published", startsAt: "2099-10-09T09:00", endsAt: "2099-10-09T11:00" })

/** One candidate the server's matching might return, with one factor explained. */
const candidate: Candidate = {
  volunteer: { id: "1", name: "王建国", volunteerNumber: "YC202500001" } as any,
  score: 87,
  remainingHours: 6,
  eligible: true,
  factors: [{ factor: "expertise", score: 1, weight: 0.35, key: "no-such-key", params: {}, explanation: "Has all the required expertise" }]
}

const refusal = "线下活动发布前须填写完整的安全预案：医疗救护、交通出行、保险"

describe("activity workflow", () => {
  it("publish shows the server's refusal message as it was sent", async () => {
    const calls: Array<[string, unknown, string]> = []
    const dataProvider = fakeDataProvider(undefined, {
      action: async (resource, id, action) => {
        calls.push([resource, id, action])
        throw new HttpError(refusal, 409, { message: refusal })
      }
    })
    renderApp("/activities/a1/show", { dataProvider })
    fireEvent.click(await screen.findByRole("button", { name: "发布" }))
    expect(await screen.findByText(refusal)).toBeTruthy()
    expect(calls).toEqual([["activities", "a1", "publish"]])
  })

  it("cancel asks for a reason and sends it", async () => {
    const bodies: unknown[] = []
    const dataProvider = fakeDataProvider(undefined, {
      action: async (_r, id, _a, body) => {
        bodies.push(body)
        return { data: { id } as any }
      }
    })
    renderApp("/activities/a1/show", { dataProvider })
    fireEvent.click(await screen.findByRole("button", { name: "取消活动" }))
    const dialog = await screen.findByRole("dialog")
    fireEvent.change(within(dialog).getByLabelText(/原因/), { target: { value: "天气原因" } })
    fireEvent.click(within(dialog).getByRole("button", { name: "取消活动" }))
    expect(await screen.findByText("操作成功")).toBeTruthy()
    expect(bodies).toEqual([{ reason: "天气原因" }])
  })

  it("complete waits for the activity's start by the city's clock: disabled with the reason before, taken after", async () => {
    const db = seed()
    db.activities = [later, activity("started", "果树修剪技术指导", { status: "published" })]
    const completed: unknown[] = []
    const dataProvider = fakeDataProvider(db, {
      action: async (resource, id, action) => {
        completed.push([resource, id, action])
        return { data: { id } as any }
      }
    })
    const view = renderApp("/activities/later/show", { dataProvider })
    const waiting = await screen.findByRole("button", { name: "标记完成" })
    expect((waiting as HTMLButtonElement).disabled).toBe(true)
    fireEvent.mouseOver(waiting.parentElement as HTMLElement)
    expect(await screen.findByText("活动开始后才能标记完成（开始时间：2099-10-09 09:00）")).toBeTruthy()
    view.unmount()

    renderApp("/activities/started/show", { dataProvider })
    const ready = await screen.findByRole("button", { name: "标记完成" })
    expect((ready as HTMLButtonElement).disabled).toBe(false)
    fireEvent.click(ready)
    expect(await screen.findByText("操作成功")).toBeTruthy()
    expect(completed).toEqual([["activities", "started", "complete"]])
  })

  it("a viewer is offered no workflow or edit button", async () => {
    renderApp("/activities/a1/show", { authProvider: fakeAuthProvider(users.viewer) })
    expect(await screen.findByText("果树修剪技术指导", { selector: "span" })).toBeTruthy()
    expect(screen.queryByRole("button", { name: "发布" })).toBeNull()
    expect(screen.queryByRole("link", { name: /编辑/ })).toBeNull()
  })

  it("the candidates tab explains each factor and signs a candidate up", async () => {
    const created: unknown[] = []
    const dataProvider = fakeDataProvider(undefined, {
      candidates: async () => ({
        data: [candidate]
      }),
      create: async (resource, { data }) => {
        created.push([resource, data])
        return { data: { id: "p1", ...data } as any }
      }
    })
    renderApp("/activities/a1/show/candidates", { dataProvider })
    expect(await screen.findByText("87")).toBeTruthy()
    // a1 started in 2025: signing up now is recording who came, and the tab says so.
    expect(screen.getByText(/活动已开始：在此报名用于补录/)).toBeTruthy()
    expect(screen.getByText(/Has all the required expertise/)).toBeTruthy()
    expect(screen.getByText("专长匹配")).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "报名" }))
    expect(await screen.findByText("已报名")).toBeTruthy()
    expect(created).toEqual([["participations", { activityId: "a1", volunteerId: "1", overrideReason: null }]])
  })

  it("the candidates of an activity still to come are recruits: no note about recording who came", async () => {
    const db = seed()
    db.activities = [later]
    const dataProvider = fakeDataProvider(db, {
      candidates: async () => ({
        data: [candidate]
      })
    })
    renderApp("/activities/later/show/candidates", { dataProvider })
    expect(await screen.findByText("87")).toBeTruthy()
    expect(screen.queryByText(/活动已开始/)).toBeNull()
  })
})
