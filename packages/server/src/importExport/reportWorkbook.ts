import ExcelJS from "exceljs"
import { type ImportReport, reportSummary } from "./importDriver.js"

/** What each import reads, as the report's first line names it. */
export const IMPORT_TITLES = { volunteers: "志愿者名册导入", attendance: "签到表导入" } as const

const MODE_LABEL = { "all-or-nothing": "全部导入或全部不导入", "valid-only": "仅导入正确的行" } as const

/**
 * The import report as a workbook a clerk can sort and print: a summary sheet and the
 * row-by-row problems (row numbers as Excel shows them, the column by its header).
 */
export const reportWorkbook = async (report: ImportReport, title: string = IMPORT_TITLES.volunteers): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "银发再出发"
  const summary = workbook.addWorksheet("导入结果")
  summary.columns = [
    { header: "项目", key: "k", width: 18 },
    { header: "结果", key: "v", width: 70 }
  ]
  summary.getRow(1).font = { bold: true }
  for (const [k, v] of [
    ["导入内容", title],
    ["导入方式", MODE_LABEL[report.mode]],
    ["结论", reportSummary(report, "zh-CN")],
    ["数据行数", report.rows],
    ["无错误的行", report.valid],
    ["已导入", report.written],
    ["错误条数", report.issues.length],
    ["未使用的列", report.ignoredColumns.join("、")]
  ] as const)
    summary.addRow({ k, v })

  const details = workbook.addWorksheet("错误明细", { views: [{ state: "frozen", ySplit: 1 }] })
  details.columns = [
    { header: "行号", key: "row", width: 8 },
    { header: "列", key: "column", width: 18 },
    { header: "问题", key: "message", width: 80 }
  ]
  details.getRow(1).font = { bold: true }
  for (const i of report.issues) details.addRow({ row: i.row, column: i.column, message: i.message })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
