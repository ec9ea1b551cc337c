import {
  BrandProjects,
  type Filter,
  Exemplars,
  ExperienceReports,
  invalid,
  type Overview,
  Q,
  Regions,
  Reporting,
  Volunteers
} from "@yinfa/core"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { chineseDate, escapeHtml, PRINT_CSS } from "./certificateDocument.js"
import { enumLabel, volunteerLabel, yesNo } from "./labels.js"

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
}

/** The age band keys of the overview, in words. */
const bandLabel = (band: string) =>
  band.startsWith("<") ? `${band.slice(1)} 岁以下` : band.endsWith("+") ? `${band.slice(0, -1)} 岁及以上` : `${band} 岁`

const overviewRows = (o: Overview, regionName: (c: string) => string): Array<[string, string | number]> => [
  ["在册志愿者", o.volunteers.active],
  ["其中入库银发人才库", o.volunteers.inTalentPool],
  ["期间新加入", o.volunteers.joined],
  ...o.volunteers.byAgeBand.map((b): [string, number] => [`年龄 ${bandLabel(b.band)}`, b.count]),
  ["开展活动（已完成）", o.activitiesHeld],
  ["参与人次", o.participations],
  ["参与服务的志愿者", o.volunteersServing],
  ["服务时长（小时）", o.serviceHours],
  ["受益人数", o.beneficiariesReached],
  ["进行中的结对", o.pairings.active],
  ["已结束的结对", o.pairings.concluded],
  ["期间新结对", o.pairings.started],
  ["报送经验", o.reports.submitted],
  ["被采用", o.reports.accepted],
  ["已发布", o.reports.published],
  ...o.hoursByCategory.map((h): [string, number] => [`服务时长 · ${enumLabel("category", h.category)}`, h.hours]),
  ...o.hoursByRegion.map((h): [string, number] => [`服务时长 · ${regionName(h.regionCode)}`, h.hours])
]

/**
 * The report pack a bureau sends up for a period and region: the overview figures, the month by
 * month series, category coverage by region, accepted and published experience reports, brand
 * projects and exemplars. Totals and coverage only: nobody is ranked (the plan sets no quotas).
 * Everything is read through the scoped services, so a region admin's pack holds their region only.
 */
export const reportPackData = (filter: ReportPackFilter) =>
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
    const names = new Map<string, string>(regions.map((r) => [r.code, r.name]))
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
    const personName = new Map(people.map((p) => [p.id as string, volunteerLabel(p)]))

    const scope = filter.regionCode ? regionName(filter.regionCode) : "全市（本账号权限范围）"
    const tables: ReadonlyArray<Table> = [
      { title: "概览", header: ["指标", "数值"], rows: overviewRows(overview, regionName) },
      {
        title: "月度",
        header: ["月份", "开展活动", "参与人次", "服务时长（小时）", "受益人数", "新加入志愿者", "新结对", "报送经验"],
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
        title: "覆盖",
        header: ["辖区", "类别", "开展活动", "服务时长（小时）"],
        rows: coverage.map((c) => [regionName(c.regionCode), enumLabel("category", c.category), c.activitiesHeld, c.serviceHours])
      },
      {
        title: "经验报送",
        header: ["标题", "类别", "辖区", "状态", "报送时间", "推荐"],
        rows: reports.map((r) => [
          r.title,
          enumLabel("category", r.category),
          regionName(r.regionCode),
          enumLabel("reportStatus", r.status),
          (r.submittedAt ?? "").slice(0, 10),
          yesNo(r.featured)
        ])
      },
      {
        title: "品牌项目",
        header: ["名称", "类别", "辖区", "创办年份", "简介"],
        rows: projects.map((p) => [p.name, enumLabel("category", p.category), regionName(p.regionCode), p.yearStarted, p.description])
      },
      {
        title: "先进典型",
        header: ["年度", "级别", "志愿者", "称号", "辖区", "事迹"],
        rows: exemplars.map((e) => [
          e.year,
          enumLabel("exemplarLevel", e.level),
          personName.get(e.volunteerId) ?? "",
          e.title,
          regionName(e.regionCode),
          e.citation
        ])
      }
    ]
    return { title: `志愿服务工作报表（${chineseDate(filter.from)}—${chineseDate(filter.to)}，${scope}）`, tables }
  })

export const reportPackWorkbook = async (pack: { readonly title: string; readonly tables: ReadonlyArray<Table> }): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "银发再出发"
  workbook.title = pack.title
  for (const t of pack.tables) {
    const sheet = workbook.addWorksheet(t.title, { views: [{ state: "frozen", ySplit: 1 }] })
    sheet.columns = t.header.map((h) => ({ header: h, width: Math.max(10, Math.min(50, h.length * 2 + 4)) }))
    sheet.getRow(1).font = { bold: true }
    for (const r of t.rows) sheet.addRow([...r])
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

export const reportPackHtml = (pack: { readonly title: string; readonly tables: ReadonlyArray<Table> }): string => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(pack.title)}</title>
<style>${PRINT_CSS}
h1 { font-size: 18pt; letter-spacing: 0.05em; }
section { page-break-inside: auto; }
section + section { margin-top: 6mm; }
</style>
</head>
<body>
<h1>${escapeHtml(pack.title)}</h1>
${pack.tables
  .map(
    (t) => `<section>
<h2>${escapeHtml(t.title)}</h2>
${
  t.rows.length === 0
    ? `<p class="muted">（无）</p>`
    : `<table>
<thead><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${t.rows.map((r) => `<tr>${r.map((v) => `<td${typeof v === "number" ? ' class="num"' : ""}>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n")}
</tbody>
</table>`
}
</section>`
  )
  .join("\n")}
<p class="muted">本报表只列总量与覆盖情况，不对个人进行排名（不作硬性规定）。</p>
</body>
</html>
`

/** Both renderings of the pack. */
export const reportPack = (filter: ReportPackFilter) =>
  Effect.gen(function* () {
    const pack = yield* reportPackData(filter)
    const workbook = yield* Effect.promise(() => reportPackWorkbook(pack))
    return { title: pack.title, workbook, html: reportPackHtml(pack) }
  })
