/**
 * The printed documents, printed: the service certificate and the report pack as the server
 * serves them (and the certificate at its longest), laid out by Chromium's print engine into a
 * PDF. A certificate is one sheet of A4 with nothing printed over anything; the report pack's
 * tables fit across the page and its short values (dates, statuses, figures) stay on one line.
 * Layout is read in print media at the width the document's own @page leaves for content.
 */
import type { CertificateVerification, Locale } from "@yinfa/core"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { certificateHtml } from "../../packages/server/src/importExport/certificateDocument.js"
import { apiClient, apiLogin, useE2e } from "./harness.js"

const e2e = useE2e()

/** A4 in PostScript points, as a PDF's MediaBox gives it (Chromium rounds to within a point). */
const A4_POINTS = { width: 595.28, height: 841.89 }

/** The pages of a PDF Chromium wrote: each page object and its MediaBox, read from the file's text. */
const pdfPages = (pdf: Buffer): ReadonlyArray<{ width: number; height: number }> => {
  const text = pdf.toString("latin1")
  const pages = text.match(/\/Type\s*\/Page\b/g) ?? []
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2])
  }))
  expect(boxes.length).toBe(pages.length)
  return boxes
}

/** Prints `html` as the dashboard's print dialog would: the page size and margins its CSS asks for. */
const print = async (page: Page, html: string) => {
  await page.setContent(html)
  const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }))
  for (const p of pages) {
    expect(Math.abs(p.width - A4_POINTS.width)).toBeLessThan(1.5)
    expect(Math.abs(p.height - A4_POINTS.height)).toBeLessThan(1.5)
  }
  return pages
}

/**
 * Shows `html` in print media in a viewport as wide as the A4 page less the margins of the
 * document's own (last) @page rule, so boxes are laid out at the printed width.
 */
const layOutForPrint = async (page: Page, html: string) => {
  await page.setContent(html)
  const marginsMm = await page.evaluate(() => {
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((r) => r instanceof CSSPageRule)
    const last = rules.at(-1) as CSSPageRule
    const mm = (v: string) => Number(/^([\d.]+)mm$/.exec(v)?.[1] ?? Number.NaN)
    return mm(last.style.marginLeft) + mm(last.style.marginRight)
  })
  expect(marginsMm).toBeGreaterThan(0)
  // How many lines an element's text takes: the distinct tops of its line boxes.
  await page.evaluate(() => {
    ;(window as unknown as { lineCount: (el: Element) => number }).lineCount = (el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
    }
  })
  await page.setViewportSize({ width: Math.floor(((210 - marginsMm) / 25.4) * 96), height: 1100 })
  await page.emulateMedia({ media: "print" })
}

/** The certificate at its longest: all five categories, a long name, the longest issuer a bureau has. */
const longest: CertificateVerification = {
  certificateNumber: "YFZM-2026-000123-AB7K",
  volunteerName: "欧阳·阿不都热依木江",
  volunteerNumber: "YC2026000123",
  maskedIdNumber: `3209${"*".repeat(10)}123X`,
  totalHours: 1234.5,
  starLevel: 5,
  serviceSummary: "讲好党的故事 320.5 小时；促进乡村振兴 280 小时；完善基层治理 210 小时；助推科技创新 224 小时；培育时代新人 200 小时",
  periodFrom: "2021-01-01",
  periodTo: "2026-11-29",
  issuer: {
    name: "中共盐城市委老干部局（盐城经济技术开发区老干部工作办公室）",
    personInCharge: "司马长风",
    contact: "0515-88888888 转 1234"
  },
  issuedOn: "2026-11-29"
}

/** Where the verification line sits against the last block, and how many lines its address takes. */
const certificateLayout = (page: Page) =>
  page.evaluate(() => {
    const lines = (window as unknown as { lineCount: (el: Element) => number }).lineCount
    const tables = [...document.querySelectorAll("main table")]
    const verify = document.querySelector(".verify") as HTMLElement
    return {
      lastBlockBottom: tables.at(-1)!.getBoundingClientRect().bottom,
      verifyTop: verify.getBoundingClientRect().top,
      addressLines: lines(verify.querySelector(".url")!)
    }
  })

describe("printed documents in Chromium", () => {
  it("an issued certificate prints on one A4 sheet in either language, and its printed address opens a check a person can read", async () => {
    const admin = apiClient(e2e.yinfa.url, await apiLogin(e2e.yinfa.url, "admin"))
    const [volunteer] = await admin.list("volunteers", { regionCode: "320902" }, [0, 0], ["volunteerNumber", "ASC"])
    const certificate = await admin.post(`/certificates/${volunteer.id}/issue`, {})
    const addresses: string[] = []
    for (const locale of ["zh-CN", "en"] as const) {
      const res = await fetch(`${e2e.yinfa.url}/api/certificates/${certificate.id}/document`, {
        headers: { authorization: `Bearer ${(await apiLogin(e2e.yinfa.url, "admin")).token}`, "accept-language": locale }
      })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toContain(certificate.certificateNumber)
      expect(await print(e2e.page, html)).toHaveLength(1)
      await layOutForPrint(e2e.page, html)
      const layout = await certificateLayout(e2e.page)
      expect(layout.verifyTop).toBeGreaterThanOrEqual(layout.lastBlockBottom)
      expect(layout.addressLines).toBe(1)
      addresses.push(/<span class="url">([^<]+)<\/span>/.exec(html)?.[1] ?? "")
    }
    // Whoever holds the paper types its address into a browser and reads the answer.
    const address = `${e2e.yinfa.url}/api/certificates/verify/${certificate.certificateNumber}`
    expect(addresses).toEqual([address, address])
    await e2e.page.goto(address)
    await expect.poll(() => e2e.page.getByRole("status").textContent()).toContain("真实有效")
    expect(await e2e.page.getByRole("cell", { name: volunteer.name, exact: true }).count()).toBe(1)
  })

  it("the longest certificate (five categories, a long name and issuer) still fits one sheet in both languages", async () => {
    for (const locale of ["zh-CN", "en"] satisfies ReadonlyArray<Locale>) {
      const html = certificateHtml(longest, { locale, baseUrl: "https://yinfa.yancheng.gov.cn" })
      expect(await print(e2e.page, html)).toHaveLength(1)
      await layOutForPrint(e2e.page, html)
      const layout = await certificateLayout(e2e.page)
      expect(layout.verifyTop).toBeGreaterThanOrEqual(layout.lastBlockBottom)
      expect(layout.addressLines).toBe(1)
    }
  })

  it("a certificate longer than a sheet runs on to a second page instead of printing over itself", async () => {
    const overlong = { ...longest, issuer: { ...longest.issuer, name: longest.issuer.name.repeat(40) } }
    const html = certificateHtml(overlong)
    expect((await print(e2e.page, html)).length).toBeGreaterThan(1)
    await layOutForPrint(e2e.page, html)
    const layout = await certificateLayout(e2e.page)
    expect(layout.verifyTop).toBeGreaterThanOrEqual(layout.lastBlockBottom)
  })

  it("the report pack prints on A4 with every table inside the page and short values on one line, in either language", async () => {
    const token = (await apiLogin(e2e.yinfa.url, "admin")).token
    // The demo holds the last year of work; a year up to today holds all of it.
    const to = new Date().toISOString().slice(0, 10)
    const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`
    for (const locale of ["zh-CN", "en"] as const) {
      const res = await fetch(`${e2e.yinfa.url}/api/report-pack?${new URLSearchParams({ from, to, format: "html" })}`, {
        headers: { authorization: `Bearer ${token}`, "accept-language": locale }
      })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect((await print(e2e.page, html)).length).toBeGreaterThan(1)
      await layOutForPrint(e2e.page, html)
      const layout = await e2e.page.evaluate(() => {
        const lines = (window as unknown as { lineCount: (el: Element) => number }).lineCount
        const short = [...document.querySelectorAll("td.short")]
        return {
          contentWidth: document.body.getBoundingClientRect().width,
          tableWidths: [...document.querySelectorAll("table")].map((t) => t.getBoundingClientRect().width),
          shortCells: short.length,
          // A coverage cell is two lines by design (activities, hours): each of them on one line.
          wrappedShortCells: short.filter((td) => lines(td) > td.querySelectorAll("br").length + 1).map((td) => td.textContent),
          // The monthly table: a month and seven figures, the widest table the pack has.
          monthlyColumns: Math.max(...[...document.querySelectorAll("table")].map((t) => t.querySelectorAll("th").length))
        }
      })
      expect(layout.tableWidths.length).toBe(6)
      for (const width of layout.tableWidths) expect(width).toBeLessThanOrEqual(layout.contentWidth + 0.5)
      expect(layout.monthlyColumns).toBe(8)
      // Months, dates, figures, statuses and yes/no in every table: hundreds of cells.
      expect(layout.shortCells).toBeGreaterThan(100)
      expect(layout.wrappedShortCells).toEqual([])
    }
  })
})
