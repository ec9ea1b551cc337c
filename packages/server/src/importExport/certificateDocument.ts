import { type CertificateVerification, type Locale, translateVerbatim } from "@yinfa/core"

/** Everything printed is escaped: names and unit names are typed by people. */
export const escapeHtml = (s: string | number | null | undefined): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

export const stars = (level: number, of = 5): string => "★".repeat(Math.max(0, Math.min(level, of))) + "☆".repeat(Math.max(0, of - level))

const DOCUMENT_DATE_FORMATS: Readonly<Record<Locale, Intl.DateTimeFormat>> = {
  "zh-CN": new Intl.DateTimeFormat("zh-CN", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
}

/** A calendar date as a document writes it: 2026-03-20 → 2026年3月20日, 20 March 2026. */
export const documentDate = (iso: string | null, locale: Locale = "zh-CN"): string => {
  if (!iso) return ""
  // The date is a calendar day, not an instant: read and written in UTC so no zone shifts it.
  return DOCUMENT_DATE_FORMATS[locale].format(new Date(`${iso.slice(0, 10)}T00:00:00Z`))
}

/** The path anyone can open to check a certificate. */
export const verificationPath = (certificateNumber: string): string => `/api/certificates/verify/${encodeURIComponent(certificateNumber)}`

export interface CertificateDocumentOptions {
  /** Origin (and base path) the verification line points at, e.g. "https://yinfa.example.gov.cn"; default: the path alone. */
  readonly baseUrl?: string
  /** Language of the page's fixed text; default zh-CN, the language certificates are issued in. */
  readonly locale?: Locale
}

const CJK_SERIF = `"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "STSong"`
const LATIN_SERIF = `"Times New Roman", "Liberation Serif", "Noto Serif"`

/**
 * Print styles shared by the certificate and the report pack: A4, serif fonts, no screen chrome.
 * Chinese pages set CJK fonts first (their latin glyphs match); English pages set latin fonts
 * first and keep the CJK ones for the Chinese names and stored values they carry.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font-family: ${CJK_SERIF}, ${LATIN_SERIF}, serif; font-size: 12pt; line-height: 1.7; }
html:lang(en) body { font-family: ${LATIN_SERIF}, ${CJK_SERIF}, serif; }
h1 { font-size: 24pt; letter-spacing: 0.4em; text-align: center; margin: 0 0 8mm; font-weight: bold; }
html:lang(en) h1 { letter-spacing: 0.05em; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
th, td { border: 1px solid #666; padding: 1.5mm 2.5mm; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-weight: bold; word-break: keep-all; }
tr { page-break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #555; font-size: 10pt; }
@media screen { body { max-width: 210mm; margin: 10mm auto; padding: 0 10mm; } }
`

/**
 * The certificate is one sheet of A4: the double frame is the page's edge, so the page keeps
 * small margins and the frame is as tall as what is left of the page. The blocks are set tighter
 * than the report pack's tables so that five service categories, a long issuer and the English
 * wording still fit; the verification line sits at the frame's foot in the flow, below the last
 * block (never over it), and if a record ever outgrows the sheet it moves on to a second page
 * rather than overprinting the first.
 */
const CERTIFICATE_CSS = `
@page { size: A4; margin: 12mm; }
body { font-size: 11.5pt; line-height: 1.5; }
.certificate { border: 3px double #8b0000; padding: 8mm 12mm 6mm; min-height: 270mm; display: flex; flex-direction: column; }
h1 { margin-bottom: 4mm; }
h2 { margin: 3.5mm 0 1mm; }
th, td { padding: 1mm 2.5mm; }
.lead { text-indent: 2em; margin: 0 0 3mm; font-size: 12.5pt; }
.block th { width: 30mm; }
html:lang(en) .block th { width: 42mm; }
.stars { color: #b8860b; letter-spacing: 0.1em; font-size: 13pt; line-height: 1; }
.sealing { margin-top: 3mm; min-height: 20mm; text-align: right; }
.sealing .seal { display: inline-block; min-width: 60mm; padding-top: 3mm; }
.verify { margin: auto 0 0; padding-top: 2mm; border-top: 1px dashed #999; break-inside: avoid; }
ul { margin: 0; padding-left: 1.2em; line-height: 1.4; }
.url { display: inline-block; }
`

/**
 * A catalogue message as HTML: the catalogue's own text escaped, each placeholder replaced by
 * markup the caller built (and escaped) itself, so a name can be set in bold.
 */
const htmlMessage = (locale: Locale, key: string, markup: Readonly<Record<string, string>>): string =>
  escapeHtml(translateVerbatim(locale, key)).replace(/\{(\w+)\}/g, (placeholder, name: string) => markup[name] ?? placeholder)

/** One block of the certificate: its heading and its rows (label, value as markup). */
export interface CertificateBlock {
  readonly name: "identity" | "service" | "issuer" | "number"
  readonly heading: string
  readonly rows: ReadonlyArray<readonly [label: string, valueHtml: string]>
}

/**
 * The four blocks of the record, as the certificate prints them and the public check shows them:
 * identity (name, volunteer number, masked ID), service (hours, star level, content by category,
 * period), issuer (bureau, person in charge, contact), and the number with its date. Fixed text
 * follows `locale`; the record's own values (names, the issuer, the service summary) are shown
 * as they were issued.
 */
export const certificateBlocks = (c: CertificateVerification, locale: Locale = "zh-CN"): ReadonlyArray<CertificateBlock> => {
  const t = (key: string, params?: Record<string, string | number>) => translateVerbatim(locale, key, params)
  const date = (iso: string | null) => documentDate(iso, locale)
  const period = c.periodFrom || c.periodTo ? t("certificate.period", { from: date(c.periodFrom), to: date(c.periodTo) }) : ""
  const starCount = t("certificate.starCount", { level: c.starLevel, of: 5 })
  // The summary is part of the issued record, written in Chinese when it was issued: it is split
  // on the Chinese separator it was joined with, and its lines stay Chinese on an English page.
  const content = c.serviceSummary
    .split(translateVerbatim("zh-CN", "certificate.summarySeparator"))
    .filter((s) => s.trim() !== "")
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join("")
  const row = (labelKey: string, valueHtml: string) => [escapeHtml(t(`certificate.label.${labelKey}`)), valueHtml] as const
  return [
    {
      name: "identity",
      heading: t("certificate.block.identity"),
      rows: [
        row("name", escapeHtml(c.volunteerName)),
        row("volunteerNumber", escapeHtml(c.volunteerNumber)),
        row("idNumber", escapeHtml(c.maskedIdNumber ?? t("certificate.notRecorded")))
      ]
    },
    {
      name: "service",
      heading: t("certificate.block.service"),
      rows: [
        row("hours", escapeHtml(t("certificate.hours", { hours: c.totalHours }))),
        row(
          "starLevel",
          `<span class="stars" aria-label="${escapeHtml(starCount)}">${stars(c.starLevel)}</span>${escapeHtml(t("certificate.starNote", { count: starCount }))}`
        ),
        row("content", `<ul>${content}</ul>`),
        row("period", escapeHtml(period))
      ]
    },
    {
      name: "issuer",
      heading: t("certificate.block.issuer"),
      rows: [
        row("issuer", escapeHtml(c.issuer.name)),
        row("personInCharge", escapeHtml(c.issuer.personInCharge)),
        row("contact", escapeHtml(c.issuer.contact))
      ]
    },
    {
      name: "number",
      heading: t("certificate.block.number"),
      rows: [row("number", escapeHtml(c.certificateNumber)), row("issuedOn", escapeHtml(date(c.issuedOn)))]
    }
  ]
}

/** A block as a heading and a two-column table (the label column as header cells). */
export const certificateBlockHtml = (block: CertificateBlock): string => `<h2>${escapeHtml(block.heading)}</h2>
<table class="block ${block.name}">
${block.rows.map(([label, value]) => `<tr><th>${label}</th><td>${value}</td></tr>`).join("\n")}
</table>`

/**
 * The service certificate (志愿服务证明) as a printable page: the four blocks, the seal line
 * after the issuer's block, and the line where anyone can verify it. The page's fixed text
 * follows `options.locale`.
 */
export const certificateHtml = (c: CertificateVerification, options: CertificateDocumentOptions = {}): string => {
  const locale = options.locale ?? "zh-CN"
  const t = (key: string, params?: Record<string, string | number>) => translateVerbatim(locale, key, params)
  const verifyUrl = `${(options.baseUrl ?? "").replace(/\/+$/, "")}${verificationPath(c.certificateNumber)}`
  const seal = `<div class="sealing"><div class="seal">${escapeHtml(t("certificate.seal", { issuer: c.issuer.name }))}<br>${escapeHtml(documentDate(c.issuedOn, locale))}</div></div>`
  const blocks = certificateBlocks(c, locale).map((b) =>
    b.name === "issuer" ? `${certificateBlockHtml(b)}\n\n${seal}` : certificateBlockHtml(b)
  )
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(t("certificate.pageTitle", { number: c.certificateNumber }))}</title>
<style>${PRINT_CSS}
${CERTIFICATE_CSS}
</style>
</head>
<body>
<main class="certificate">
<h1>${escapeHtml(t("certificate.title"))}</h1>
<p class="lead">${htmlMessage(locale, "certificate.lead", {
    name: `<strong>${escapeHtml(c.volunteerName)}</strong>`,
    campaign: escapeHtml(t("certificate.campaign"))
  })}</p>

${blocks.join("\n\n")}

<p class="verify muted">${htmlMessage(locale, "certificate.verify", { url: `<span class="url">${escapeHtml(verifyUrl)}</span>` })}</p>
</main>
</body>
</html>
`
}
