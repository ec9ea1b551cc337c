import type { CertificateVerification } from "@yinfa/core"

/** Everything printed is escaped: names and unit names are typed by people. */
export const escapeHtml = (s: string | number | null | undefined): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

export const stars = (level: number, of = 5): string => "★".repeat(Math.max(0, Math.min(level, of))) + "☆".repeat(Math.max(0, of - level))

/** 2026-03-20 → 2026年3月20日 */
export const chineseDate = (iso: string | null): string => {
  if (!iso) return ""
  const [y, m, d] = iso.split("-").map(Number)
  return `${y}年${m}月${d}日`
}

/** The path anyone can open to check a certificate. */
export const verificationPath = (certificateNumber: string): string => `/api/certificates/verify/${encodeURIComponent(certificateNumber)}`

export interface CertificateDocumentOptions {
  /** Origin (and base path) the verification line points at, e.g. "https://yinfa.example.gov.cn"; default: the path alone. */
  readonly baseUrl?: string
}

/** Print styles shared by the certificate and the report pack: A4, Chinese serif fonts, no screen chrome. */
export const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "STSong", serif; font-size: 12pt; line-height: 1.7; }
h1 { font-size: 24pt; letter-spacing: 0.4em; text-align: center; margin: 0 0 8mm; font-weight: bold; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
th, td { border: 1px solid #666; padding: 1.5mm 2.5mm; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-weight: bold; white-space: nowrap; }
tr { page-break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #555; font-size: 10pt; }
@media screen { body { max-width: 210mm; margin: 10mm auto; padding: 0 10mm; } }
`

/**
 * The service certificate (志愿服务证明) as a printable page, with the four blocks of the
 * record: identity (name, volunteer number, masked ID), service (hours, star level, content by
 * category, period), issuer (bureau, person in charge, contact), and the number, date and the
 * line where anyone can verify it.
 */
export const certificateHtml = (c: CertificateVerification, options: CertificateDocumentOptions = {}): string => {
  const verifyUrl = `${(options.baseUrl ?? "").replace(/\/+$/, "")}${verificationPath(c.certificateNumber)}`
  const period = c.periodFrom || c.periodTo ? `${chineseDate(c.periodFrom)} 至 ${chineseDate(c.periodTo)}` : ""
  const content = c.serviceSummary
    .split("；")
    .filter((s) => s.trim() !== "")
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join("")
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>志愿服务证明 ${escapeHtml(c.certificateNumber)}</title>
<style>${PRINT_CSS}
.certificate { border: 3px double #8b0000; padding: 12mm 14mm; min-height: 240mm; position: relative; }
.lead { text-indent: 2em; margin: 0 0 6mm; font-size: 13pt; }
.block th { width: 30mm; }
.stars { color: #b8860b; letter-spacing: 0.1em; font-size: 14pt; }
.issuer { margin-top: 12mm; text-align: right; }
.issuer .seal { display: inline-block; min-width: 60mm; padding-top: 4mm; }
.verify { position: absolute; left: 14mm; right: 14mm; bottom: 10mm; border-top: 1px dashed #999; padding-top: 2mm; }
ul { margin: 0; padding-left: 1.2em; }
</style>
</head>
<body>
<main class="certificate">
<h1>志愿服务证明</h1>
<p class="lead">兹证明 <strong>${escapeHtml(c.volunteerName)}</strong> 同志参加“开启新征程，银发再出发”离退休干部志愿服务行动，经核实，服务情况如下。</p>

<h2>一、身份信息</h2>
<table class="block identity">
<tr><th>姓名</th><td>${escapeHtml(c.volunteerName)}</td></tr>
<tr><th>志愿者编号</th><td>${escapeHtml(c.volunteerNumber)}</td></tr>
<tr><th>身份证号码</th><td>${escapeHtml(c.maskedIdNumber ?? "（未登记）")}</td></tr>
</table>

<h2>二、服务记录</h2>
<table class="block service">
<tr><th>服务时长</th><td>${escapeHtml(c.totalHours)} 小时</td></tr>
<tr><th>志愿者星级</th><td><span class="stars" aria-label="${escapeHtml(c.starLevel)} 星">${stars(c.starLevel)}</span>（${escapeHtml(c.starLevel)} 星）</td></tr>
<tr><th>服务内容</th><td><ul>${content}</ul></td></tr>
<tr><th>服务期间</th><td>${escapeHtml(period)}</td></tr>
</table>

<h2>三、出具单位</h2>
<table class="block issuer-block">
<tr><th>出具单位</th><td>${escapeHtml(c.issuer.name)}</td></tr>
<tr><th>负责人</th><td>${escapeHtml(c.issuer.personInCharge)}</td></tr>
<tr><th>联系电话</th><td>${escapeHtml(c.issuer.contact)}</td></tr>
</table>

<div class="issuer"><div class="seal">${escapeHtml(c.issuer.name)}（盖章）<br>${escapeHtml(chineseDate(c.issuedOn))}</div></div>

<h2>四、证明编号</h2>
<table class="block number">
<tr><th>证明编号</th><td>${escapeHtml(c.certificateNumber)}</td></tr>
<tr><th>出具日期</th><td>${escapeHtml(chineseDate(c.issuedOn))}</td></tr>
</table>

<p class="verify muted">本证明可凭编号核验真伪：${escapeHtml(verifyUrl)}</p>
</main>
</body>
</html>
`
}
