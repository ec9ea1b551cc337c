/**
 * The dashboard in a real browser against a real server (see harness.ts): each test signs in as a
 * demo account and checks what a user would read on the screen, in Chinese unless it is about
 * switching to English. Data the screens should show is looked up or arranged through the API.
 */
import { residentIdCheckChar } from "@yinfa/core"
import type { Locator, Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { apiClient, apiLogin, signInContext, useE2e } from "./harness.js"

const e2e = useE2e()

/**
 * The figure a label heads (概览 cards, the service-record panel), e.g. "1,234.5 小时": the element
 * right after the label inside a card. Cards nest (a show page is itself a card), so the card
 * alone is no anchor; and the same words may name a menu entry (服务时长) outside any card.
 */
const figureValue = (page: Page, label: string): Locator =>
  page.locator(".MuiCardContent-root").getByText(label, { exact: true }).first().locator("xpath=following-sibling::*[1]")

/** Data rows of the list on screen (the header row has the row class too). */
const listRows = (page: Page): Locator => page.locator(".RaDataTable-tbody .RaDataTable-row")

/**
 * Waits for a value to satisfy the matcher that follows. The UI is asynchronous (API calls,
 * debounced search); this bounds the wait without asserting anything about speed.
 */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 200 })

/** "1,234.5 小时" → 1234.5 */
const numberIn = (text: string | null): number => Number((text ?? "").replace(/[^\d.]/g, ""))

const signIn = async (username: string) => {
  const session = await apiLogin(e2e.yinfa.url, username)
  await signInContext(e2e.context, session)
  return session
}

const admin = async () => apiClient(e2e.yinfa.url, await apiLogin(e2e.yinfa.url, "admin"))

/** A city wall-clock time (UTC+8) `minutes` from now, as activities store it: 2026-03-08T09:00. */
const cityTime = (minutes: number) => new Date(Date.now() + (minutes + 480) * 60_000).toISOString().slice(0, 16)

let unique = 0
/** A name no demo volunteer has: 测试 and Chinese numerals of the clock and a counter (names are Chinese). */
const uniqueName = () => {
  const digits = "零一二三四五六七八九"
  const n = `${Date.now() % 100_000}${unique++}`
  return `测试${[...n].map((d) => digits[Number(d)]).join("")}`
}

/** A valid resident ID number for someone born on `birth` (YYYY-MM-DD) in 亭湖区. */
const residentId = (birth: string, seq: number) => {
  const first17 = `320902${birth.replace(/-/g, "")}${String(seq % 1000).padStart(3, "0")}`
  return `${first17}${residentIdCheckChar(first17)}`
}

/** Picks an option of a MUI select (react-admin SelectInput) by the field's label. */
const choose = async (page: Page, label: string, option: string) => {
  await page.getByRole("combobox", { name: label }).click()
  await page.getByRole("option", { name: option, exact: true }).click()
}

describe("the dashboard in Chromium", () => {
  it("signs admin in and shows the city's figures", async () => {
    const { page } = e2e
    await page.goto(`${e2e.yinfa.url}/`)
    await page.getByLabel("用户名").fill("admin")
    await page.getByLabel("密码", { exact: false }).first().fill("yinfa-demo")
    await page.getByRole("button", { name: "登录" }).click()

    await poll(() => page.getByText("在册志愿者", { exact: true }).isVisible()).toBe(true)
    // The demo's year of history ends today: the last 12 months hold it whatever today's date.
    await choose(page, "统计期间", "近 12 个月")
    const volunteers = figureValue(page, "在册志愿者")
    const hours = figureValue(page, "服务时长")
    await poll(async () => numberIn(await volunteers.textContent())).toBeGreaterThan(0)
    await poll(async () => numberIn(await hours.textContent())).toBeGreaterThan(0)
    expect(await hours.textContent()).toMatch(/小时$/)
    await poll(() => page.getByText("“五个聚力”覆盖情况").isVisible()).toBe(true)
    expect(e2e.pageErrors).toEqual([])
  })

  it("refuses an ID number with a wrong check digit, then registers the volunteer and finds them by search", async () => {
    const { page } = e2e
    await signIn("admin")
    const name = uniqueName()
    const idNumber = residentId("1958-06-01", 123)
    // Any other check character is wrong; the rest of the number stays valid.
    const wrong = `${idNumber.slice(0, 17)}${idNumber[17] === "1" ? "2" : "1"}`

    await page.goto(`${e2e.yinfa.url}/#/volunteers/create`)
    await page.getByLabel("姓名").fill(name)
    await choose(page, "性别", "男")
    await page.getByLabel("出生日期").fill("1958-06-01")
    await choose(page, "辖区", "亭湖区")
    await page.getByLabel("身份证号码").fill(wrong)
    await page.getByLabel("本人同意时间").fill("2026-01-05T10:00")
    await page.getByRole("button", { name: "保存" }).click()
    await poll(() => page.getByText("身份证号码校验位错误，请核对").isVisible()).toBe(true)
    expect(page.url()).toMatch(/#\/volunteers\/create$/)

    await page.getByLabel("身份证号码").fill(idNumber)
    await poll(() => page.getByText("身份证号码校验位错误，请核对").count()).toBe(0)
    await page.getByRole("button", { name: "保存" }).click()
    // Saved: react-admin goes to the new record's page.
    await page.waitForURL(/#\/volunteers\/[^/]+\/show/)
    await poll(() => page.getByText(name, { exact: true }).first().isVisible()).toBe(true)

    await page.goto(`${e2e.yinfa.url}/#/volunteers`)
    await page.getByPlaceholder("搜索").fill(name)
    const rows = listRows(page)
    await poll(() => rows.count()).toBe(1)
    await poll(() => rows.first().textContent()).toContain(name)
    // The list masks the ID number: the region prefix and the last four only.
    expect(await rows.first().textContent()).toContain(`3209**********${idNumber.slice(14)}`)
    // The city admin may filter by region (the region-admin test checks the opposite).
    await page.getByRole("button", { name: "添加筛选" }).click()
    await poll(() => page.getByRole("menu").getByRole("menuitemcheckbox").filter({ hasText: "辖区" }).isVisible()).toBe(true)
  })

  it("shows the server's refusal to publish an offline activity without a safety plan", async () => {
    const { page } = e2e
    const api = await admin()
    const drafts = await api.list("activities", { status: "draft", channel: "offline" }, [0, 99])
    const draft = drafts.find((a) => a.safetyPlan === null)
    expect(draft, "the demo has offline drafts without a safety plan").toBeDefined()

    await signIn("admin")
    await page.goto(`${e2e.yinfa.url}/#/activities/${draft.id}/show`)
    await poll(() => page.getByText(draft.title, { exact: true }).first().isVisible()).toBe(true)
    await page.getByRole("button", { name: "发布", exact: true }).click()
    await poll(() =>
      page
        .getByText(/线下活动发布前须完善安全预案/)
        .first()
        .isVisible()
    ).toBe(true)
    expect((await api.get(`/activities/${draft.id}`)).status).toBe("draft")
  })

  it("records attendance and the volunteer's total hours go up on their page", async () => {
    const { page } = e2e
    const api = await admin()
    // An online activity under way now (attendance is taken once it has started), with a new
    // volunteer confirmed for it, so the hours before are known to be zero.
    const volunteer = await api.post("/volunteers", {
      name: uniqueName(),
      gender: "female",
      birthDate: "1956-03-12",
      regionCode: "320902",
      channels: ["online"],
      consentAt: new Date().toISOString()
    })
    const activity = await api.post("/activities", {
      title: `线上党课${uniqueName()}`,
      category: "party-story",
      format: "party-class",
      regionCode: "320902",
      channel: "online",
      startsAt: cityTime(-60),
      endsAt: cityTime(180),
      volunteersNeeded: 5
    })
    await api.post(`/activities/${activity.id}/publish`)
    const participation = await api.post("/participations", { activityId: activity.id, volunteerId: volunteer.id })
    await api.post(`/participations/${participation.id}/confirm`)

    await signIn("admin")
    const total = figureValue(page, "累计服务时长")
    await page.goto(`${e2e.yinfa.url}/#/volunteers/${volunteer.id}/show/service`)
    await poll(() => total.textContent()).toBe("0 小时")

    await page.goto(`${e2e.yinfa.url}/#/participations/${participation.id}/show`)
    await page.getByRole("button", { name: "记录出勤与时长" }).click()
    const dialog = page.getByRole("dialog")
    await dialog.getByLabel("服务时长（小时）").fill("2.5")
    await dialog.getByRole("button", { name: "记录出勤与时长" }).click()
    await poll(() => page.getByText("操作成功").isVisible()).toBe(true)
    await poll(() => page.getByText("已参加", { exact: true }).first().isVisible()).toBe(true)

    await page.goto(`${e2e.yinfa.url}/#/volunteers/${volunteer.id}/show/service`)
    await poll(() => total.textContent()).toBe("2.5 小时")
    await poll(() => figureValue(page, "参加活动次数").textContent()).toBe("1")
  })

  it("keeps a region admin inside their region: no other region's volunteers, no region picker", async () => {
    const { page } = e2e
    const api = await admin()
    // A 盐都区 volunteer whose name no 亭湖区 record matches (names repeat across a city), and a
    // 亭湖区 one as the control that the search itself works for tinghu.
    const nameMatchesIn = async (region: string, name: string) =>
      (await api.list("volunteers", { regionCode: region, q: name }, [0, 0])).length
    const yandu = await api.list("volunteers", { regionCode: "320903", status: "active" }, [0, 49])
    let outsider: any
    for (const v of yandu) {
      if ((await nameMatchesIn("320902", v.name)) > 0) continue
      outsider = v
      break
    }
    expect(outsider, "a 盐都区 volunteer with a name unknown in 亭湖区").toBeDefined()
    const [insider] = await api.list("volunteers", { regionCode: "320902", status: "active" }, [0, 0])

    await signIn("tinghu")
    await page.goto(`${e2e.yinfa.url}/#/volunteers`)
    const rows = listRows(page)
    await poll(() => rows.count()).toBeGreaterThan(0)
    const search = page.getByPlaceholder("搜索")
    await search.fill(insider.name)
    await poll(() => rows.first().textContent()).toContain(insider.name)
    await search.fill(outsider.name)
    await poll(() => page.getByText("当前筛选条件下没有志愿者").isVisible()).toBe(true)
    expect(await rows.count()).toBe(0)

    // The filters offered: category and the rest, but no region.
    await page.getByRole("button", { name: "添加筛选" }).click()
    const offered = page.getByRole("menu").getByRole("menuitemcheckbox")
    await poll(() => offered.filter({ hasText: "服务意向" }).isVisible()).toBe(true)
    expect((await offered.allInnerTexts()).map((t) => t.trim())).not.toContain("辖区")
    expect(await page.locator('[data-key="regionCode"]').count()).toBe(0)
    await page.keyboard.press("Escape")

    // Nor on the overview: the figures are the region's, with no region to choose.
    await page.goto(`${e2e.yinfa.url}/#/`)
    await poll(() => page.getByRole("combobox", { name: "类别" }).isVisible()).toBe(true)
    expect(await page.getByRole("combobox", { name: "辖区" }).count()).toBe(0)
  })

  it("imports a roster through the dialog, reading the server's progress stream, and the new volunteer is listed", async () => {
    const { page } = e2e
    await signIn("admin")
    const name = uniqueName()
    const csv = `\ufeff姓名,性别,出生日期,身份证号码,所属辖区,同意时间\r\n${name},女,1957-02-03,${residentId("1957-02-03", 200 + (unique % 700))},亭湖区,2021-03-08\r\n`
    await page.goto(`${e2e.yinfa.url}/#/volunteers`)
    await page.getByRole("button", { name: "导入名册" }).click()
    const dialog = page.getByRole("dialog")
    await dialog.getByLabel("选择文件").setInputFiles({ name: "名册.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") })
    const answered = page.waitForResponse((r) => r.url().includes("/api/import/volunteers"))
    await dialog.getByRole("button", { name: "开始导入" }).click()
    // The dashboard asks for the progress stream, and the server answers with it.
    expect((await answered).headers()["content-type"]).toContain("application/x-ndjson")
    await poll(() => dialog.getByText("共 1 行，已导入 1 行。").isVisible()).toBe(true)

    await page.keyboard.press("Escape")
    await page.getByPlaceholder("搜索").fill(name)
    await poll(() => listRows(page).count()).toBe(1)
  })

  it("switches to English", async () => {
    const { page } = e2e
    await signIn("admin")
    await page.goto(`${e2e.yinfa.url}/#/`)
    await poll(() => page.getByText("在册志愿者", { exact: true }).isVisible()).toBe(true)
    await page.getByRole("button", { name: "简体中文" }).click()
    await page.getByRole("menuitem", { name: "English" }).click()
    await poll(() => page.getByText("Active volunteers", { exact: true }).isVisible()).toBe(true)
    await poll(() => page.getByRole("menuitem", { name: "Volunteers" }).isVisible()).toBe(true)
    expect(await page.getByText("在册志愿者", { exact: true }).count()).toBe(0)

    // The next screens too.
    await page.getByRole("menuitem", { name: "Volunteers" }).click()
    await poll(() => page.getByRole("columnheader", { name: "Name" }).isVisible()).toBe(true)
  })
})
