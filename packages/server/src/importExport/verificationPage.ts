import { type CertificateVerification, type Locale, translateVerbatim } from "@yinfa/core"
import { certificateBlockHtml, certificateBlocks, escapeHtml } from "./certificateDocument.js"

const PAGE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f4; color: #111; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", system-ui, sans-serif; font-size: 16px; line-height: 1.6; }
main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 4px; box-shadow: 0 1px 3px #0002; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
.result { padding: 0.75rem 1rem; border-radius: 4px; margin: 0 0 1rem; }
.valid { background: #edf7ed; color: #1e4620; }
.not-found { background: #fff4e5; color: #663c00; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { width: 9rem; background: #f7f7f7; font-weight: 600; }
.stars { color: #b8860b; }
ul { margin: 0; padding-left: 1.2em; }
@media (max-width: 30rem) { main { margin: 0; border-radius: 0; } th { width: 6.5rem; } }
`

/**
 * What a person sees who opens the address printed on a certificate in a browser: whether the
 * number is genuine, and the four blocks exactly as the certificate shows them (the same rows,
 * from `certificateBlocks`), or that no certificate has that number. Scripts and outside
 * resources are not needed; the server sends it with the documents' restrictive CSP.
 */
export const verificationPageHtml = (number: string, found: CertificateVerification | null, locale: Locale = "zh-CN"): string => {
  // A found certificate is named as printed, whatever case or spaces the visitor typed.
  const t = (key: string) => translateVerbatim(locale, key, { number: found?.certificateNumber ?? number })
  const result =
    found === null
      ? `<p class="result not-found" role="alert">${escapeHtml(t("verification.notFound"))}</p>`
      : `<p class="result valid" role="status">${escapeHtml(t("verification.valid"))}</p>
${certificateBlocks(found, locale).map(certificateBlockHtml).join("\n")}`
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t("verification.pageTitle"))}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(t("verification.pageTitle"))}</h1>
${result}
</main>
</body>
</html>
`
}
