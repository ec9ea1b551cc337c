import { type Locale, translateVerbatim } from "@yinfa/core"
import ExcelJS from "exceljs"
import { type ImportReport, reportSummary } from "./importDriver.js"
import { joinList } from "./labels.js"

export type ImportKind = "volunteers" | "attendance"

/**
 * What each import reads, in Chinese. Only for callers that still name the import by its title;
 * `reportWorkbook` takes the kind.
 */
export const IMPORT_TITLES: Readonly<Record<ImportKind, string>> = {
  volunteers: translateVerbatim("zh-CN", "importReport.title.volunteers"),
  attendance: translateVerbatim("zh-CN", "importReport.title.attendance")
}

/**
 * The import report as a workbook a clerk can sort and print, in `locale`: a summary sheet and
 * the row-by-row problems (row numbers as Excel shows them, the column by its header). The
 * issues' messages and columns are already in the report's language (the import's `locale`).
 */
export const reportWorkbook = async (
  report: ImportReport,
  kind: ImportKind = "volunteers",
  locale: Locale = "zh-CN"
): Promise<Uint8Array> => {
  const t = (key: string) => translateVerbatim(locale, key)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = t("file.appName")
  const summary = workbook.addWorksheet(t("importReport.sheet.summary"))
  summary.columns = [
    { header: t("importReport.summary.item"), key: "k", width: 18 },
    { header: t("importReport.summary.result"), key: "v", width: 70 }
  ]
  summary.getRow(1).font = { bold: true }
  for (const [k, v] of [
    ["importReport.summary.kind", t(`importReport.title.${kind}`)],
    ["importReport.summary.mode", t(`importReport.mode.${report.mode}`)],
    ["importReport.summary.outcome", reportSummary(report, locale)],
    ["importReport.summary.rows", report.rows],
    ["importReport.summary.valid", report.valid],
    ["importReport.summary.written", report.written],
    ["importReport.summary.issues", report.issues.length],
    ["importReport.summary.ignoredColumns", joinList(report.ignoredColumns, locale)]
  ] as const)
    summary.addRow({ k: t(k), v })

  const details = workbook.addWorksheet(t("importReport.sheet.issues"), { views: [{ state: "frozen", ySplit: 1 }] })
  details.columns = [
    { header: t("importReport.issues.row"), key: "row", width: 8 },
    { header: t("importReport.issues.column"), key: "column", width: 18 },
    { header: t("importReport.issues.problem"), key: "message", width: 80 }
  ]
  details.getRow(1).font = { bold: true }
  for (const i of report.issues) details.addRow({ row: i.row, column: i.column, message: i.message })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
