import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { http, startTestServer, TINGHU, type TestServer } from "./support.js"

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s?.close())

const activity = (overrides: object = {}) => ({
  title: "红色故事进社区",
  category: "party-story",
  format: "party-class",
  regionCode: TINGHU,
  channel: "offline",
  venue: "亭湖区文峰社区",
  startsAt: "2027-04-01T09:00",
  endsAt: "2027-04-01T11:00",
  volunteersNeeded: 2,
  ...overrides
})

describe("activities", () => {
  it("a PUT cannot bypass the state machine; publish refuses an incomplete safety plan with 409 in Chinese", async () => {
    const created = await http(s, "POST", "/api/activities", { token: s.tokens.tinghu, body: activity() })
    expect(created.status).toBe(201)
    expect(created.body.status).toBe("draft")
    const put = await http(s, "PUT", `/api/activities/${created.body.id}`, {
      token: s.tokens.tinghu,
      body: { ...created.body, status: "completed" }
    })
    expect(put.status).toBe(200)
    expect(put.body.status).toBe("draft")
    const refused = await http(s, "POST", `/api/activities/${created.body.id}/publish`, {
      token: s.tokens.tinghu,
      headers: { "accept-language": "zh-CN" }
    })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/安全/)
    const en = await http(s, "POST", `/api/activities/${created.body.id}/publish`, { token: s.tokens.tinghu })
    expect(en.body.message).toMatch(/safety plan/)
    expect((await http(s, "GET", `/api/activities/${created.body.id}`, { token: s.tokens.tinghu })).body.status).toBe("draft")
  })
  it("publish → sign-up → confirm; cancel needs a reason; viewers cannot act", async () => {
    const created = await http(s, "POST", "/api/activities", { token: s.tokens.tinghu, body: activity({ channel: "online", venue: "" }) })
    const id = created.body.id
    expect((await http(s, "POST", `/api/activities/${id}/publish`, { token: s.tokens.viewer })).status).toBe(403)
    const published = await http(s, "POST", `/api/activities/${id}/publish`, { token: s.tokens.tinghu })
    expect(published.status).toBe(200)
    expect(published.body.status).toBe("published")
    const volunteer = await http(s, "POST", "/api/volunteers", {
      token: s.tokens.tinghu,
      body: { name: "王建国", gender: "male", birthDate: "1955-06-01", regionCode: TINGHU, consentAt: "2025-01-01T00:00:00.000Z" }
    })
    const signUp = await http(s, "POST", "/api/participations", {
      token: s.tokens.tinghu,
      body: { activityId: id, volunteerId: volunteer.body.id }
    })
    expect(signUp.status).toBe(201)
    expect(signUp.body.status).toBe("signed-up")
    const again = await http(s, "POST", "/api/participations", {
      token: s.tokens.tinghu,
      body: { activityId: id, volunteerId: volunteer.body.id }
    })
    expect(again.status).toBe(409)
    const confirmed = await http(s, "POST", `/api/participations/${signUp.body.id}/confirm`, { token: s.tokens.tinghu })
    expect(confirmed.body.status).toBe("confirmed")
    const noReason = await http(s, "POST", `/api/activities/${id}/cancel`, { token: s.tokens.tinghu, body: {} })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors).toHaveProperty("reason")
    const cancelled = await http(s, "POST", `/api/activities/${id}/cancel`, { token: s.tokens.tinghu, body: { reason: "天气原因" } })
    expect(cancelled.body.status).toBe("cancelled")
    // A status refusal names the status and the action as the dashboard does, not by their codes.
    const republish = await http(s, "POST", `/api/activities/${id}/publish`, {
      token: s.tokens.tinghu,
      headers: { "accept-language": "zh-CN" }
    })
    expect(republish.status).toBe(409)
    expect(republish.body.message).toBe("当前状态为“已取消”，不能执行“发布”")
    const republishEn = await http(s, "POST", `/api/activities/${id}/publish`, {
      token: s.tokens.tinghu,
      headers: { "accept-language": "en" }
    })
    expect(republishEn.body.message).toBe('The record is "Cancelled": "Publish" is not possible')
    expect((await http(s, "GET", `/api/participations/${signUp.body.id}`, { token: s.tokens.tinghu })).body.status).toBe("withdrawn")
    const record = await http(s, "GET", `/api/volunteers/${volunteer.body.id}/service-record`, { token: s.tokens.tinghu })
    expect(record.status).toBe(200)
    expect(record.body.totalHours).toBe(0)
  })
})

describe("experience reports", () => {
  it("a region admin submits; only a city admin accepts, returns or publishes", async () => {
    const created = await http(s, "POST", "/api/experience-reports", {
      token: s.tokens.tinghu,
      body: { title: "亭湖区银发宣讲经验", category: "party-story", regionCode: TINGHU, body: "做法与成效" }
    })
    const id = created.body.id
    expect((await http(s, "POST", `/api/experience-reports/${id}/submit`, { token: s.tokens.tinghu })).body.status).toBe("submitted")
    expect((await http(s, "POST", `/api/experience-reports/${id}/accept`, { token: s.tokens.tinghu })).status).toBe(403)
    const returned = await http(s, "POST", `/api/experience-reports/${id}/return`, { token: s.tokens.admin, body: { notes: "请补充数据" } })
    expect(returned.body).toMatchObject({ status: "returned", reviewerNotes: "请补充数据" })
    await http(s, "POST", `/api/experience-reports/${id}/submit`, { token: s.tokens.tinghu })
    expect((await http(s, "POST", `/api/experience-reports/${id}/accept`, { token: s.tokens.admin })).body.status).toBe("accepted")
    const published = await http(s, "POST", `/api/experience-reports/${id}/publish`, { token: s.tokens.admin, body: { featured: true } })
    expect(published.body).toMatchObject({ status: "published", featured: true })
  })
})

describe("volunteers' sensitive details", () => {
  it("masked in reads, in clear through /sensitive for admins of the region (audited)", async () => {
    const created = await http(s, "POST", "/api/volunteers", {
      token: s.tokens.tinghu,
      body: {
        name: "李秀英",
        gender: "female",
        birthDate: "1958-05-01",
        regionCode: TINGHU,
        phone: "13905150000",
        consentAt: "2025-01-01T00:00:00.000Z"
      }
    })
    expect(created.status).toBe(201)
    const read = await http(s, "GET", `/api/volunteers/${created.body.id}`, { token: s.tokens.tinghu })
    expect(read.body.phone).not.toBe("13905150000")
    const clear = await http(s, "GET", `/api/volunteers/${created.body.id}/sensitive`, { token: s.tokens.tinghu })
    expect(clear.status).toBe(200)
    expect(clear.body.phone).toBe("13905150000")
    expect((await http(s, "GET", `/api/volunteers/${created.body.id}/sensitive`, { token: s.tokens.viewer })).status).toBe(403)
    expect((await http(s, "GET", `/api/volunteers/${created.body.id}/sensitive`, { token: s.tokens.yandu })).status).toBe(404)
  })
})
