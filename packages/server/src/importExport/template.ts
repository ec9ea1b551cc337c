import { CATEGORIES, EXPERTISE_FIELDS, type Region } from "@yinfa/core"
import ExcelJS from "exceljs"
import { ENUM_LABELS } from "./labels.js"
import { ATTENDANCE_COLUMNS, ROSTER_COLUMNS, type RosterKey } from "./parseRoster.js"

/** The templates' download names. */
export const TEMPLATE_FILE_NAMES = { volunteers: "志愿者名册导入模板.xlsx", attendance: "签到表导入模板.xlsx" } as const

/** Rows of the data sheet that get drop-down lists; more rows may be added, without the lists. */
const LIST_ROWS = 1000

interface Help {
  readonly help: string
  readonly example: string
  /** Drop-down choices (Excel data validation). */
  readonly list?: ReadonlyArray<string>
  /** Text format, so Excel keeps 18-digit ID numbers and leading zeros as typed. */
  readonly text?: boolean
  readonly width: number
}

const rosterHelp = (regions: ReadonlyArray<Region>): Record<RosterKey, Help> => ({
  name: { help: "必填。", example: "王建国", width: 10 },
  gender: {
    help: "必填（填写了有效身份证号码时可空，按身份证号码确定）：男 / 女。",
    example: "男",
    list: Object.values(ENUM_LABELS.gender),
    width: 6
  },
  birthDate: {
    help: "必填（填写了有效身份证号码时可空，按身份证号码确定）。日期格式如 1958-03-12、1958/3/12、1958年3月12日 或 19580312，也可以是 Excel 日期单元格。",
    example: "1958-03-12",
    width: 12
  },
  idNumber: {
    help: "选填。18 位居民身份证号码，最后一位可为 X；须与出生日期一致。请将本列设为“文本”格式，否则 Excel 会把号码变成科学计数法并丢失末几位。全角数字会自动转换。",
    example: "32090219580312001X",
    text: true,
    width: 21
  },
  phone: {
    help: "选填。11 位大陆手机号码。身份证号码或手机号码已登记过的人员不会重复导入。",
    example: "13805101234",
    text: true,
    width: 13
  },
  region: {
    help: `必填（辖区管理员导入时可空，默认为本辖区）。填写辖区名称：${regions.map((r) => r.name).join("、")}。`,
    example: regions[0]?.name ?? "亭湖区",
    list: regions.map((r) => r.name),
    width: 14
  },
  formerUnit: { help: "选填，100 字以内。", example: "亭湖区农业农村局", width: 20 },
  formerPosition: { help: "选填，100 字以内。", example: "副局长", width: 12 },
  retirementType: {
    help: "选填：离休 / 退休，空白按“退休”。",
    example: "退休",
    list: [ENUM_LABELS.retirementType.tuixiu, ENUM_LABELS.retirementType.lixiu],
    width: 9
  },
  partyMember: { help: "选填：是 / 否，空白按“是”。", example: "是", list: ["是", "否"], width: 9 },
  expertise: {
    help: `选填，可填多项，用顿号“、”或逗号分隔；可在括号中注明从业年限，如“农业科技（30年）”。可选：${EXPERTISE_FIELDS.map((e) => e.label["zh-CN"]).join("、")}。`,
    example: "农业科技（30年）、种植养殖",
    width: 24
  },
  interests: {
    help: `选填，可填多项，用顿号分隔：${CATEGORIES.map((c) => c.label["zh-CN"]).join("、")}（可简写，如“乡村振兴”）。`,
    example: "促进乡村振兴、讲好党的故事",
    width: 24
  },
  talentPool: { help: "选填：是 / 否，空白按“否”。", example: "是", list: ["是", "否"], width: 9 },
  fitness: {
    help: `选填：${Object.values(ENUM_LABELS.fitness).join(" / ")}（“一般”即可）。属于敏感个人信息：填写时必须同时填写“健康信息同意时间”。`,
    example: "良好",
    list: ["良好", "一般", "仅线上"],
    width: 12
  },
  monthlyHours: { help: "选填，0–200 之间的数字（小时），空白按 8 小时。仅供安排时参考，不是任务指标。", example: "8", width: 10 },
  channels: {
    help: "选填：线上 / 线下 / 线上线下，空白按“线上线下”。",
    example: "线上线下",
    list: ["线上线下", "线上", "线下"],
    width: 12
  },
  consentAt: {
    help: "必填。本人同意加入并同意处理其个人信息的日期（可带时间，如 2021-03-08 09:30），不能晚于今天。没有本人同意的人员不能登记（自觉自愿）。",
    example: "2021-03-08",
    width: 14
  },
  healthDataConsentAt: { help: "填写身体状况时必填：本人单独同意处理健康信息的日期。", example: "2021-03-08", width: 14 },
  joinedAt: { help: "选填，空白按导入当天。志愿者编号的年份取自加入日期。", example: "2021-03-08", width: 12 }
})

const headerStyle = (row: ExcelJS.Row, requiredColumns: ReadonlySet<number>) => {
  row.font = { bold: true }
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true }
  row.height = 24
  row.eachCell((cell, col) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: requiredColumns.has(col) ? "FFFCE4D6" : "FFE7E6E6" } }
    cell.border = { bottom: { style: "thin" } }
  })
}

const toBuffer = async (workbook: ExcelJS.Workbook): Promise<Uint8Array> => new Uint8Array(await workbook.xlsx.writeBuffer())

/**
 * The volunteer roster template: a data sheet (志愿者名册) with the Chinese headers, drop-down
 * lists and text-formatted ID and phone columns, and an instruction sheet (说明) with each
 * column's rules, accepted values and an example.
 */
export const rosterTemplate = async (regions: ReadonlyArray<Region>): Promise<Uint8Array> => {
  const help = rosterHelp(regions)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "银发再出发"
  const sheet = workbook.addWorksheet("志愿者名册", { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: help[c.key].width }))
  const required = new Set(ROSTER_COLUMNS.flatMap((c, i) => ("required" in c && c.required ? [i + 1] : [])))
  headerStyle(sheet.getRow(1), required)
  const validations = (sheet as unknown as { dataValidations: { add: (address: string, v: ExcelJS.DataValidation) => void } })
    .dataValidations
  ROSTER_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1)
    if (help[c.key].text) column.numFmt = "@"
    const list = help[c.key].list
    if (!list) return
    const letter = column.letter
    for (let r = 2; r <= LIST_ROWS + 1; r++)
      validations.add(`${letter}${r}`, {
        type: "list",
        allowBlank: true,
        // Free text stays possible (a warning, not a stop): the import reads synonyms too.
        showErrorMessage: false,
        formulae: [`"${list.join(",")}"`]
      })
  })

  const guide = workbook.addWorksheet("说明")
  guide.columns = [
    { header: "列名", key: "header", width: 18 },
    { header: "是否必填", key: "required", width: 10 },
    { header: "填写说明与可填写的值", key: "help", width: 90 },
    { header: "示例", key: "example", width: 26 }
  ]
  headerStyle(guide.getRow(1), new Set())
  for (const c of ROSTER_COLUMNS) {
    const row = guide.addRow({
      header: c.header,
      required: "required" in c && c.required ? "必填" : "选填",
      help: help[c.key].help,
      example: help[c.key].example
    })
    row.alignment = { wrapText: true, vertical: "top" }
  }
  guide.addRow({})
  for (const line of [
    "1. 在“志愿者名册”表中每行填写一位志愿者，第一行表头请勿修改；列的顺序可以调整，多余的列会被忽略。",
    "2. 默认“全部导入或全部不导入”：只要有一行有错误，整个文件都不会导入，请按错误报告修改后重新导入；也可选择“仅导入正确的行”。",
    "3. 身份证号码或手机号码与已登记志愿者相同的行不会重复导入，会在错误报告中列出。",
    "4. 志愿者编号由系统统一生成，无需填写。",
    "5. 本表含身份证号码、手机号码、健康状况等个人信息，请妥善保管，不要通过非工作渠道传送。"
  ])
    guide.addRow({ header: line }).getCell(1).alignment = { wrapText: false }
  return toBuffer(workbook)
}

/** The attendance sheet template: who (number, or ID number / phone), which activity, how long. */
export const attendanceTemplate = async (): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "银发再出发"
  const sheet = workbook.addWorksheet("签到表", { views: [{ state: "frozen", ySplit: 1 }] })
  const widths: Record<string, number> = { volunteerNumber: 16, idNumber: 21, phone: 13, name: 10, activity: 30, hours: 10, note: 30 }
  sheet.columns = ATTENDANCE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: widths[c.key] ?? 12 }))
  for (const key of ["volunteerNumber", "idNumber", "phone"]) sheet.getColumn(key).numFmt = "@"
  headerStyle(sheet.getRow(1), new Set([5, 6]))
  const guide = workbook.addWorksheet("说明")
  guide.columns = [
    { header: "列名", key: "header", width: 14 },
    { header: "填写说明", key: "help", width: 90 }
  ]
  headerStyle(guide.getRow(1), new Set())
  for (const [header, text] of [
    ["志愿者编号", "志愿者编号、身份证号码、手机号码三者至少填一项，用于找到志愿者（优先按志愿者编号）。"],
    ["身份证号码", "同上；请设为文本格式。"],
    ["手机号码", "同上。"],
    ["姓名", "选填，仅供核对，不用于查找。"],
    ["活动", "必填：活动名称（须唯一）或活动编号。活动须已开始。"],
    ["服务时长", "必填：小时数，大于 0，不超过活动时长，每天不超过 24 小时。"],
    ["备注", "选填：服务反馈。"]
  ])
    guide.addRow({ header, help: text }).alignment = { wrapText: true, vertical: "top" }
  return toBuffer(workbook)
}
