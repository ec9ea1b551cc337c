import { CATEGORIES, EXPERTISE_FIELDS, type Locale, type MessageParams, type Region, translateVerbatim } from "@yinfa/core"
import ExcelJS from "exceljs"
import { enumLabels, expertiseWithYears, joinList, regionLabel, yesNo } from "./labels.js"
import { ATTENDANCE_COLUMNS, attendanceHeaders, ROSTER_COLUMNS, type RosterKey, rosterHeaders } from "./parseRoster.js"
import type { ColumnSpec } from "./table.js"

export type TemplateKind = "volunteers" | "attendance"

/** A template's download name in `locale`. */
export const templateFileName = (kind: TemplateKind, locale: Locale = "zh-CN"): string =>
  translateVerbatim(locale, `template.fileName.${kind}`)

/** The templates' Chinese download names. */
export const TEMPLATE_FILE_NAMES: Readonly<Record<TemplateKind, string>> = {
  volunteers: templateFileName("volunteers"),
  attendance: templateFileName("attendance")
}

/** Rows of the data sheet that get drop-down lists; more rows may be added, without the lists. */
const LIST_ROWS = 1000

/** Excel refuses a workbook whose list of choices, written in the rule, is longer than this. */
const MAX_LIST_FORMULA = 255

interface Help {
  readonly help: string
  readonly example: string
  /** Drop-down choices (Excel data validation). */
  readonly list?: ReadonlyArray<string>
  /** Text format, so Excel keeps 18-digit ID numbers and leading zeros as typed. */
  readonly text?: boolean
  readonly width: number
}

/** The choices of a column as its help text lists them: 男 / 女. */
const choices = (values: ReadonlyArray<string>) => values.join(" / ")

const rosterHelp = (regions: ReadonlyArray<Region>, locale: Locale): Record<RosterKey, Help> => {
  const t = (key: string, params?: MessageParams) => translateVerbatim(locale, key, params)
  const labels = enumLabels(locale)
  const headers = rosterHeaders(locale)
  const regionNames = regions.map((r) => regionLabel(r, locale))
  const both = t("template.channels.both")
  const withYears = expertiseWithYears(labels.expertise["agri-tech"], 30, locale)
  const choiceWithDefault = (values: ReadonlyArray<string>, fallback: string) =>
    t("template.help.choiceWithDefault", { choices: choices(values), default: fallback })
  const yesOrNo = [yesNo(true, locale), yesNo(false, locale)]
  /** A yes/no column; a blank cell counts as `blank`. */
  const yesNoColumn = (blank: boolean): Help => ({
    help: choiceWithDefault(yesOrNo, yesNo(blank, locale)),
    example: yesNo(true, locale),
    list: yesOrNo,
    width: 9
  })
  return {
    name: { help: t("template.help.name"), example: t("template.example.name"), width: 10 },
    gender: {
      help: t("template.help.gender", { choices: choices(Object.values(labels.gender)) }),
      example: labels.gender.male,
      list: Object.values(labels.gender),
      width: 6
    },
    birthDate: { help: t("template.help.birthDate"), example: "1958-03-12", width: 12 },
    idNumber: { help: t("template.help.idNumber"), example: "32090219580312001X", text: true, width: 21 },
    phone: { help: t("template.help.phone"), example: "13805101234", text: true, width: 13 },
    region: {
      help: t("template.help.region", { regions: joinList(regionNames, locale) }),
      example: regionNames[0] ?? t("template.example.region"),
      list: regionNames,
      width: 14
    },
    formerUnit: { help: t("template.help.formerUnit"), example: t("template.example.formerUnit"), width: 20 },
    formerPosition: { help: t("template.help.formerPosition"), example: t("template.example.formerPosition"), width: 12 },
    retirementType: {
      help: choiceWithDefault([labels.retirementType.lixiu, labels.retirementType.tuixiu], labels.retirementType.tuixiu),
      example: labels.retirementType.tuixiu,
      list: [labels.retirementType.tuixiu, labels.retirementType.lixiu],
      width: 9
    },
    partyMember: yesNoColumn(true),
    expertise: {
      help: t("template.help.expertise", {
        example: withYears,
        expertise: joinList(
          EXPERTISE_FIELDS.map((e) => e.label[locale]),
          locale
        )
      }),
      example: joinList([withYears, labels.expertise["crop-livestock"]], locale),
      width: 24
    },
    interests: {
      help: t("template.help.interests", {
        categories: joinList(
          CATEGORIES.map((c) => c.label[locale]),
          locale
        )
      }),
      example: joinList([labels.category["rural-revitalization"], labels.category["party-story"]], locale),
      width: 24
    },
    talentPool: yesNoColumn(false),
    fitness: {
      help: t("template.help.fitness", {
        choices: choices(Object.values(labels.fitness)),
        short: t("template.fitness.limitedShort"),
        consentColumn: headers.healthDataConsentAt
      }),
      example: labels.fitness.good,
      // The list is short: "一般" stands for the long label of limited fitness.
      list: [labels.fitness.good, t("template.fitness.limitedShort"), labels.fitness["online-only"]],
      width: 12
    },
    monthlyHours: { help: t("template.help.monthlyHours"), example: "8", width: 10 },
    channels: {
      help: choiceWithDefault([labels.acceptedChannel.online, labels.acceptedChannel.offline, both], both),
      example: both,
      list: [both, labels.acceptedChannel.online, labels.acceptedChannel.offline],
      width: 12
    },
    consentAt: { help: t("template.help.consentAt"), example: "2021-03-08", width: 14 },
    healthDataConsentAt: {
      help: t("template.help.healthDataConsentAt", { fitnessColumn: headers.fitness }),
      example: "2021-03-08",
      width: 14
    },
    joinedAt: { help: t("template.help.joinedAt"), example: "2021-03-08", width: 12 }
  }
}

const headerStyle = (row: ExcelJS.Row, requiredColumns: ReadonlySet<number>) => {
  row.font = { bold: true }
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true }
  row.height = 24
  row.eachCell((cell, col) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: requiredColumns.has(col) ? "FFFCE4D6" : "FFE7E6E6" } }
    cell.border = { bottom: { style: "thin" } }
  })
}

/** Positions (1-based) of the required columns: their headers are coloured. */
const requiredPositions = (columns: ReadonlyArray<ColumnSpec>): ReadonlySet<number> =>
  new Set(columns.flatMap((c, i) => (c.required ? [i + 1] : [])))

const newWorkbook = (locale: Locale): ExcelJS.Workbook => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = translateVerbatim(locale, "file.appName")
  return workbook
}

const toBuffer = async (workbook: ExcelJS.Workbook): Promise<Uint8Array> => new Uint8Array(await workbook.xlsx.writeBuffer())

/**
 * The volunteer roster template in `locale`: a data sheet (志愿者名册) with the headers,
 * drop-down lists and text-formatted ID and phone columns, and an instruction sheet (说明) with
 * each column's rules, accepted values and an example. The import reads either language.
 */
export const rosterTemplate = async (regions: ReadonlyArray<Region>, locale: Locale = "zh-CN"): Promise<Uint8Array> => {
  const t = (key: string, params?: MessageParams) => translateVerbatim(locale, key, params)
  const help = rosterHelp(regions, locale)
  const headers = rosterHeaders(locale)
  const workbook = newWorkbook(locale)
  const sheetName = t("template.sheet.roster")
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: headers[c.key], key: c.key, width: help[c.key].width }))
  headerStyle(sheet.getRow(1), requiredPositions(ROSTER_COLUMNS))
  const validations = (sheet as unknown as { dataValidations: { add: (address: string, v: ExcelJS.DataValidation) => void } })
    .dataValidations
  ROSTER_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1)
    if (help[c.key].text) column.numFmt = "@"
    const list = help[c.key].list
    if (!list) return
    const formula = `"${list.join(",")}"`
    // A city with many regions gets no drop-down rather than a workbook Excel will not open.
    if (formula.length > MAX_LIST_FORMULA) return
    const letter = column.letter
    for (let r = 2; r <= LIST_ROWS + 1; r++)
      validations.add(`${letter}${r}`, {
        type: "list",
        allowBlank: true,
        // Free text stays possible (a warning, not a stop): the import reads synonyms too.
        showErrorMessage: false,
        formulae: [formula]
      })
  })

  const guide = workbook.addWorksheet(t("template.sheet.guide"))
  guide.columns = [
    { header: t("template.guide.column"), key: "header", width: 18 },
    { header: t("template.guide.required"), key: "required", width: 10 },
    { header: t("template.guide.rosterHelp"), key: "help", width: 90 },
    { header: t("template.guide.example"), key: "example", width: 26 }
  ]
  headerStyle(guide.getRow(1), new Set())
  for (const c of ROSTER_COLUMNS) {
    const row = guide.addRow({
      header: headers[c.key],
      required: t("required" in c && c.required ? "template.required" : "template.optional"),
      help: help[c.key].help,
      example: help[c.key].example
    })
    row.alignment = { wrapText: true, vertical: "top" }
  }
  guide.addRow({})
  const modes = { allOrNothing: t("importReport.mode.all-or-nothing"), validOnly: t("importReport.mode.valid-only") }
  for (const line of [
    t("template.note.1", { sheet: sheetName }),
    t("template.note.2", modes),
    t("template.note.3"),
    t("template.note.4"),
    t("template.note.5")
  ])
    guide.addRow({ header: line }).getCell(1).alignment = { wrapText: false }
  return toBuffer(workbook)
}

const ATTENDANCE_WIDTHS: Readonly<Record<string, number>> = {
  volunteerNumber: 16,
  idNumber: 21,
  phone: 13,
  name: 10,
  activity: 30,
  hours: 10,
  note: 30
}

/** The attendance sheet template in `locale`: who (number, or ID number / phone), which activity, how long. */
export const attendanceTemplate = async (locale: Locale = "zh-CN"): Promise<Uint8Array> => {
  const t = (key: string) => translateVerbatim(locale, key)
  const headers = attendanceHeaders(locale)
  const workbook = newWorkbook(locale)
  const sheet = workbook.addWorksheet(t("template.sheet.attendance"), { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = ATTENDANCE_COLUMNS.map((c) => ({ header: headers[c.key], key: c.key, width: ATTENDANCE_WIDTHS[c.key] ?? 12 }))
  for (const key of ["volunteerNumber", "idNumber", "phone"]) sheet.getColumn(key).numFmt = "@"
  headerStyle(sheet.getRow(1), requiredPositions(ATTENDANCE_COLUMNS))
  const guide = workbook.addWorksheet(t("template.sheet.guide"))
  guide.columns = [
    { header: t("template.guide.column"), key: "header", width: 14 },
    { header: t("template.guide.attendanceHelp"), key: "help", width: 90 }
  ]
  headerStyle(guide.getRow(1), new Set())
  for (const c of ATTENDANCE_COLUMNS)
    guide.addRow({ header: headers[c.key], help: t(`template.attendanceHelp.${c.key}`) }).alignment = { wrapText: true, vertical: "top" }
  return toBuffer(workbook)
}
