import {
  actorRegion,
  BrandProjects,
  CurrentActor,
  type Filter,
  Exemplars,
  ExperienceReports,
  invalid,
  type Locale,
  type CoverageRow,
  type Overview,
  Q,
  Regions,
  Reporting,
  roundHours,
  translateVerbatim,
  Volunteers
} from "@yinfa/core"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { documentDate, escapeHtml, PRINT_CSS } from "./certificateDocument.js"
import { displayWidth, enumLabel, regionLabel, volunteerLabel, yesNo } from "./labels.js"

export interface ReportPackFilter {
  /** Inclusive dates, YYYY-MM-DD. */
  readonly from: string
  readonly to: string
  /** One region, or null for the actor's whole scope (a region admin always gets their region). */
  readonly regionCode?: string | null
}

type Table = {
  readonly title: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>
  /** What the printed page sets out otherwise, where a reader needs another layout than a sheet's rows. */
  readonly print?: Partial<PrintTable>
}

/** A printed cell: a value, or lines of one (a coverage cell: activities held, then hours). */
type PrintCell = string | number | ReadonlyArray<string>

type PrintTable = {
  readonly title: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<PrintCell>>
  /** A cross table (region by category): its cells centred. */
  readonly matrix?: boolean
  /** The row that sums the others, last and in bold. */
  readonly totals?: ReadonlyArray<PrintCell>
}

/** The pack as both renderings read it; `locale` is the language its fixed text was written in. */
export interface ReportPackContent {
  readonly title: string
  readonly tables: ReadonlyArray<Table>
  readonly locale?: Locale
}

/** The age band keys of the overview ("<55", "55-59", "80+"), in words. */
const bandLabel = (band: string, locale: Locale) =>
  band.startsWith("<")
    ? translateVerbatim(locale, "reportPack.ageBand.below", { age: band.slice(1) })
    : band.endsWith("+")
      ? translateVerbatim(locale, "reportPack.ageBand.andOver", { age: band.slice(0, -1) })
      : translateVerbatim(locale, "reportPack.ageBand.range", { range: band })

const overviewLabel = (locale: Locale) => (key: string, params?: Record<string, string>) =>
  translateVerbatim(locale, `reportPack.overview.${key}`, params)

/** The overview's figures; hours by category and by region follow them on the sheet (`hoursByRows`). */
const overviewRows = (o: Overview, locale: Locale): Array<[string, string | number]> => {
  const label = overviewLabel(locale)
  return [
    [label("volunteersActive"), o.volunteers.active],
    [label("inTalentPool"), o.volunteers.inTalentPool],
    [label("joined"), o.volunteers.joined],
    ...o.volunteers.byAgeBand.map((b): [string, number] => [label("age", { band: bandLabel(b.band, locale) }), b.count]),
    [label("activitiesHeld"), o.activitiesHeld],
    [label("participations"), o.participations],
    [label("volunteersServing"), o.volunteersServing],
    [label("serviceHours"), o.serviceHours],
    [label("beneficiaries"), o.beneficiariesReached],
    [label("pairingsActive"), o.pairings.active],
    [label("pairingsConcluded"), o.pairings.concluded],
    [label("pairingsStarted"), o.pairings.started],
    [label("reportsSubmitted"), o.reports.submitted],
    [label("reportsAccepted"), o.reports.accepted],
    [label("reportsPublished"), o.reports.published]
  ]
}

const hoursByRows = (o: Overview, regionName: (c: string) => string, locale: Locale): Array<[string, number]> => {
  const label = overviewLabel(locale)
  return [
    ...o.hoursByCategory.map((h): [string, number] => [label("hoursBy", { name: enumLabel("category", h.category, locale) }), h.hours]),
    ...o.hoursByRegion.map((h): [string, number] => [label("hoursBy", { name: regionName(h.regionCode) }), h.hours])
  ]
}

/**
 * Coverage as the printed page shows it: a region a row, a category a column, each cell the
 * activities held and the hours served, with totals (the hours by category and by region the
 * sheet's overview lists), and a dash where a region has not covered a category.
 */
const coverageMatrix = (
  coverage: ReadonlyArray<CoverageRow>,
  regionName: (c: string) => string,
  locale: Locale
): Omit<PrintTable, "title"> => {
  const t = (key: string, params?: Record<string, string>) => translateVerbatim(locale, `reportPack.print.${key}`, params)
  const categories = [...new Set(coverage.map((c) => c.category))]
  const regions = [...new Set(coverage.map((c) => c.regionCode))]
  const cell = (held: number, hours: number): PrintCell =>
    held === 0 && hours === 0 ? t("notCovered") : [t("held", { count: String(held) }), t("hours", { hours: String(roundHours(hours)) })]
  const sum = (rows: ReadonlyArray<CoverageRow>) =>
    cell(
      rows.reduce((n, c) => n + c.activitiesHeld, 0),
      rows.reduce((n, c) => n + c.serviceHours, 0)
    )
  const of = (regionCode: string | null, category: string | null) =>
    coverage.filter((c) => (regionCode === null || c.regionCode === regionCode) && (category === null || c.category === category))
  return {
    header: [translateVerbatim(locale, "reportPack.header.region"), ...categories.map((c) => enumLabel("category", c, locale)), t("total")],
    rows: regions.map((r) => [regionName(r), ...categories.map((c) => sum(of(r, c))), sum(of(r, null))]),
    matrix: true,
    // One region's pack (a region admin's): its row is the total already.
    ...(regions.length > 1 ? { totals: [t("total"), ...categories.map((c) => sum(of(null, c))), sum(coverage)] } : {})
  }
}

/**
 * The report pack a bureau sends up for a period and region: the overview figures, the month by
 * month series, category coverage by region, accepted and published experience reports, brand
 * projects and exemplars. Totals and coverage only: nobody is ranked (the plan sets no quotas).
 * Everything is read through the scoped services, so a region admin's pack holds their region only.
 */
export const reportPackData = (filter: ReportPackFilter, locale: Locale = "zh-CN") =>
  Effect.gen(function* () {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(filter.from) || !/^\d{4}-\d{2}-\d{2}$/.test(filter.to))
      return yield* Effect.fail(invalid("from", "validation.date", "dates are YYYY-MM-DD"))
    const reporting = yield* Reporting
    const reportFilter = { from: filter.from, to: filter.to, regionCode: filter.regionCode ?? null }
    const [overview, series, coverage] = yield* Effect.all([
      reporting.overview(reportFilter),
      reporting.series(reportFilter),
      reporting.coverage(reportFilter)
    ])
    const regions = (yield* (yield* Regions).list(Q.all([], [{ field: "sortOrder", order: "ASC" }]))).rows
    const names = new Map<string, string>(regions.map((r) => [r.code, regionLabel(r, locale)]))
    const regionName = (code: string) => names.get(code) ?? code
    const inRegion: Array<Filter> = filter.regionCode ? [Q.eq("regionCode", filter.regionCode)] : []

    const reports = (yield* (yield* ExperienceReports).list(
      Q.all(
        [
          ...inRegion,
          Q.in("status", ["accepted", "published"]),
          Q.gte("submittedAt", filter.from),
          Q.lte("submittedAt", `${filter.to}T23:59:59.999Z`)
        ],
        [{ field: "submittedAt", order: "ASC" }]
      )
    )).rows
    const projects = (yield* (yield* BrandProjects).list(
      Q.all(inRegion, [
        { field: "yearStarted", order: "ASC" },
        { field: "name", order: "ASC" }
      ])
    )).rows
    const exemplars = (yield* (yield* Exemplars).list(
      Q.all(
        [...inRegion, Q.gte("year", Number(filter.from.slice(0, 4))), Q.lte("year", Number(filter.to.slice(0, 4)))],
        [{ field: "year", order: "ASC" }]
      )
    )).rows
    const people = yield* (yield* Volunteers).getMany([...new Set(exemplars.map((e) => e.volunteerId))])
    const personName = new Map(people.map((p) => [p.id as string, volunteerLabel(p, locale)]))

    const t = (key: string, params?: Record<string, string>) => translateVerbatim(locale, `reportPack.${key}`, params)
    const headers = (...keys: ReadonlyArray<string>) => keys.map((k) => t(`header.${k}`))
    // A region admin's pack is their region's whatever they asked for (the services scope every
    // figure), so the title names that region rather than the whole city.
    const scopeRegion = filter.regionCode ?? actorRegion(yield* CurrentActor)
    const scope = scopeRegion ? regionName(scopeRegion) : t("scope.all")
    const tables: ReadonlyArray<Table> = [
      {
        title: t("sheet.overview"),
        header: headers("indicator", "value"),
        rows: [...overviewRows(overview, locale), ...hoursByRows(overview, regionName, locale)],
        // On paper the hours by category and region are the coverage table's totals.
        print: { rows: overviewRows(overview, locale) }
      },
      {
        title: t("sheet.monthly"),
        header: headers(
          "month",
          "activitiesHeld",
          "participations",
          "serviceHours",
          "beneficiaries",
          "volunteersJoined",
          "pairingsStarted",
          "reportsSubmitted"
        ),
        rows: series.map((p) => [
          p.month,
          p.activitiesHeld,
          p.participations,
          p.serviceHours,
          p.beneficiariesReached,
          p.volunteersJoined,
          p.pairingsStarted,
          p.reportsSubmitted
        ])
      },
      {
        title: t("sheet.coverage"),
        header: headers("region", "category", "activitiesHeld", "serviceHours"),
        rows: coverage.map((c) => [regionName(c.regionCode), enumLabel("category", c.category, locale), c.activitiesHeld, c.serviceHours]),
        print: { title: t("print.coverage"), ...coverageMatrix(coverage, regionName, locale) }
      },
      {
        title: t("sheet.reports"),
        header: headers("title", "category", "region", "status", "submittedOn", "featured"),
        rows: reports.map((r) => [
          r.title,
          enumLabel("category", r.category, locale),
          regionName(r.regionCode),
          enumLabel("reportStatus", r.status, locale),
          (r.submittedAt ?? "").slice(0, 10),
          yesNo(r.featured, locale)
        ])
      },
      {
        title: t("sheet.projects"),
        header: headers("name", "category", "region", "yearStarted", "description"),
        rows: projects.map((p) => [
          p.name,
          enumLabel("category", p.category, locale),
          regionName(p.regionCode),
          p.yearStarted,
          p.description
        ])
      },
      {
        title: t("sheet.exemplars"),
        header: headers("year", "level", "volunteer", "honour", "region", "citation"),
        rows: exemplars.map((e) => [
          e.year,
          enumLabel("exemplarLevel", e.level, locale),
          personName.get(e.volunteerId) ?? "",
          e.title,
          regionName(e.regionCode),
          e.citation
        ])
      }
    ]
    const title = t("title", { from: documentDate(filter.from, locale), to: documentDate(filter.to, locale), scope })
    return { title, tables, locale } satisfies ReportPackContent
  })

/** The widest a sheet's column gets, in characters; longer text (a description, a citation) wraps. */
const SHEET_COLUMN_MAX = 50

export const reportPackWorkbook = async (pack: ReportPackContent, locale: Locale = pack.locale ?? "zh-CN"): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = translateVerbatim(locale, "file.appName")
  workbook.title = pack.title
  for (const t of pack.tables) {
    const sheet = workbook.addWorksheet(t.title, { views: [{ state: "frozen", ySplit: 1 }] })
    // As wide as the column's longest value (not only its header), up to a limit past which it wraps.
    const widths = t.header.map((h, i) => Math.max(displayWidth(h), ...t.rows.map((r) => displayWidth(String(r[i] ?? "")))) + 2)
    sheet.columns = t.header.map((h, i) => ({
      header: h,
      width: Math.max(8, Math.min(SHEET_COLUMN_MAX, widths[i])),
      ...(widths[i] > SHEET_COLUMN_MAX ? { style: { alignment: { wrapText: true, vertical: "top" } } } : {})
    }))
    sheet.getRow(1).font = { bold: true }
    for (const r of t.rows) sheet.addRow([...r])
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/**
 * Columns whose every value is short (dates, months, numbers, statuses, yes/no, a category),
 * which print on one line: left to the browser, a wide description column squeezes them until
 * 2026-05-14 or 已发布 breaks in two.
 */
const SHORT_CELL = 12
const linesOf = (value: PrintCell | undefined): ReadonlyArray<string> =>
  Array.isArray(value) ? value : [String((value as string | number | undefined) ?? "")]
const shortColumns = (t: PrintTable): ReadonlyArray<boolean> =>
  t.header.map((_, i) =>
    [...t.rows, ...(t.totals ? [t.totals] : [])].every((r) => linesOf(r[i]).every((line) => displayWidth(line) <= SHORT_CELL))
  )

const cellHtml = (value: PrintCell, short: boolean): string => {
  const classes = [typeof value === "number" || Array.isArray(value) ? "num" : "", short ? "short" : ""].filter((c) => c !== "").join(" ")
  return `<td${classes ? ` class="${classes}"` : ""}>${linesOf(value).map(escapeHtml).join("<br>")}</td>`
}

/** From this many columns a table is set smaller, so that its headers fit across A4 in either language. */
const WIDE_TABLE = 7

const tableHtml = (t: PrintTable): string => {
  const short = shortColumns(t)
  const classes = [t.header.length >= WIDE_TABLE ? "wide" : "", t.matrix ? "matrix" : ""].filter((c) => c !== "").join(" ")
  return `<table${classes ? ` class="${classes}"` : ""}>
<thead><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${t.rows.map((r) => `<tr>${r.map((v, i) => cellHtml(v, short[i] ?? false)).join("")}</tr>`).join("\n")}${
  t.totals ? `\n<tr class="total">${t.totals.map((v, i) => cellHtml(v, short[i] ?? false)).join("")}</tr>` : ""
}
</tbody>
</table>`
}

export const reportPackHtml = (pack: ReportPackContent, locale: Locale = pack.locale ?? "zh-CN"): string => `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(pack.title)}</title>
<style>${PRINT_CSS}
h1 { font-size: 18pt; letter-spacing: 0.05em; }
section { page-break-inside: auto; }
section + section { margin-top: 6mm; }
td.short { white-space: nowrap; }
table.matrix td + td, table.matrix th + th { text-align: center; }
tr.total td { font-weight: bold; }
table.wide { font-size: 10pt; }
table.wide th, table.wide td { padding: 1mm 1.5mm; }
.footnote { break-before: avoid; }
</style>
</head>
<body>
<h1>${escapeHtml(pack.title)}</h1>
${pack.tables
  .map((table): PrintTable => ({ ...table, ...table.print }))
  .map(
    (t) => `<section>
<h2>${escapeHtml(t.title)}</h2>
${t.rows.length === 0 ? `<p class="muted">${escapeHtml(translateVerbatim(locale, "reportPack.none"))}</p>` : tableHtml(t)}
</section>`
  )
  .join("\n")}
<p class="muted footnote">${escapeHtml(translateVerbatim(locale, "reportPack.noRanking"))}</p>
</body>
</html>
`

/** Both renderings of the pack, their fixed text in `locale`. */
export const reportPack = (filter: ReportPackFilter, locale: Locale = "zh-CN") =>
  Effect.gen(function* () {
    const pack = yield* reportPackData(filter, locale)
    const workbook = yield* Effect.promise(() => reportPackWorkbook(pack))
    return { title: pack.title, workbook, html: reportPackHtml(pack) }
  })
