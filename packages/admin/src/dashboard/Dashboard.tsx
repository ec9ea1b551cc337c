import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  LinearProgress,
  MenuItem,
  Skeleton,
  Stack,
  TextField,
  Typography
} from "@mui/material"
import { CATEGORIES, type CoverageRow, type Overview, type SeriesPoint } from "@yinfa/core"
import { lazy, Suspense } from "react"
import { Title, useDataProvider, useGetList, useLocaleState, useStore, useTranslate } from "react-admin"
import { formatNumber } from "../common/format.js"
import { useYinfaPermissions } from "../common/permissions.js"
import { useCityClock } from "../common/cityClock.js"
import { regionName } from "../common/regions.js"
import { useAsync } from "../common/useAsync.js"
import type { StatsParams, YinfaDataProvider } from "../providers/dataProvider.js"
import { periodPresets } from "./periodPresets.js"
import { ReportPackButton } from "./ReportPackButton.js"

// recharts is a third of the bundle: the charts load with the dashboard's data, not with the app.
const charts = () => import("./Charts.js")
const HoursByCategoryChart = lazy(() => charts().then((m) => ({ default: m.HoursByCategoryChart })))
const HoursByRegionChart = lazy(() => charts().then((m) => ({ default: m.HoursByRegionChart })))
const AgeBandChart = lazy(() => charts().then((m) => ({ default: m.AgeBandChart })))
const SeriesChart = lazy(() => charts().then((m) => ({ default: m.SeriesChart })))

const ChartLoading = () => <Skeleton variant="rectangular" height={240} />

const Figure = ({ title, value, detail }: { title: string; value: string; detail?: string }) => (
  <Card sx={{ height: "100%" }}>
    <CardContent>
      <Typography variant="body1" color="text.secondary">
        {title}
      </Typography>
      <Typography variant="h4" component="p" sx={{ my: 1 }}>
        {value}
      </Typography>
      {detail && (
        <Typography variant="body2" color="text.secondary">
          {detail}
        </Typography>
      )}
    </CardContent>
  </Card>
)

const Panel = ({ title, children, help }: { title: string; children: React.ReactNode; help?: string }) => (
  <Card sx={{ height: "100%" }}>
    <CardHeader title={title} subheader={help} slotProps={{ title: { variant: "h6" } }} />
    <CardContent>{children}</CardContent>
  </Card>
)

/**
 * 概览: the figures a bureau is asked for, for the caller's scope (the server scopes a region
 * admin's figures to their region whatever is asked). Totals and coverage only — no ranking of
 * people (the plan sets no quotas).
 */
export const Dashboard = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const { isCityAdmin } = useYinfaPermissions()
  const presets = periodPresets(useCityClock().today())
  const [filter, setFilter] = useStore<StatsParams>("yinfa.dashboard.filter", { ...presets.thisYear, regionCode: null, category: null })
  const params: StatsParams = { ...filter, regionCode: isCityAdmin ? filter.regionCode : null }
  const key = [params.from, params.to, params.regionCode, params.category]
  const overview = useAsync(() => dataProvider.stats("overview", params).then((r) => r.data as Overview), key)
  const series = useAsync(() => dataProvider.stats("series", params).then((r) => r.data as ReadonlyArray<SeriesPoint>), key)
  const coverage = useAsync(() => dataProvider.stats("coverage", params).then((r) => r.data as ReadonlyArray<CoverageRow>), key)
  const { data: regions } = useGetList("regions", { pagination: { page: 1, perPage: 100 }, sort: { field: "sortOrder", order: "ASC" } })

  const n = (v: number) => formatNumber(locale, v)
  const hours = (v: number) => translate("yinfa.common.hours", { hours: n(v) })
  const nameOf = (code: string) =>
    regionName(
      regions?.find((r) => r.id === code),
      locale
    ) || code
  const categoryName = (code: string) => translate(`yinfa.category.${code}`)
  // The regions' own order (as in the coverage grid and the region picker); a region not listed last.
  const regionOrder = (code: string) => {
    const i = regions?.findIndex((r) => r.id === code) ?? -1
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }
  const o = overview.data
  const error = overview.error ?? series.error ?? coverage.error

  return (
    <Box sx={{ p: { xs: 1, md: 2 } }}>
      <Title title="yinfa.dashboard.title" />
      <Stack direction={{ xs: "column", sm: "row" }} gap={2} sx={{ mb: 2 }} flexWrap="wrap" alignItems={{ sm: "center" }}>
        <TextField
          select
          label={translate("yinfa.dashboard.period")}
          value={Object.entries(presets).find(([, p]) => p.from === filter.from && p.to === filter.to)?.[0] ?? ""}
          onChange={(e) => setFilter({ ...filter, ...presets[e.target.value as keyof typeof presets] })}
          sx={{ minWidth: 180 }}
        >
          {Object.keys(presets).map((p) => (
            <MenuItem key={p} value={p}>
              {translate(`yinfa.dashboard.presets.${p}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="date"
          label={translate("yinfa.dashboard.from")}
          value={filter.from}
          onChange={(e) => e.target.value && setFilter({ ...filter, from: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          label={translate("yinfa.dashboard.to")}
          value={filter.to}
          onChange={(e) => e.target.value && setFilter({ ...filter, to: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        {isCityAdmin && (
          <TextField
            select
            label={translate("yinfa.dashboard.region")}
            value={filter.regionCode ?? ""}
            onChange={(e) => setFilter({ ...filter, regionCode: e.target.value || null })}
            sx={{ minWidth: 180 }}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          >
            <MenuItem value="">{translate("yinfa.dashboard.allRegions")}</MenuItem>
            {(regions ?? []).map((r) => (
              <MenuItem key={r.id} value={String(r.id)}>
                {regionName(r, locale)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          select
          label={translate("yinfa.dashboard.category")}
          value={filter.category ?? ""}
          onChange={(e) => setFilter({ ...filter, category: e.target.value || null })}
          sx={{ minWidth: 200 }}
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        >
          <MenuItem value="">{translate("yinfa.dashboard.allCategories")}</MenuItem>
          {CATEGORIES.map((c) => (
            <MenuItem key={c.code} value={c.code}>
              {categoryName(c.code)}
            </MenuItem>
          ))}
        </TextField>
        <ReportPackButton params={params} />
      </Stack>

      {error && <Alert severity="error">{error.message}</Alert>}
      {overview.isPending && <LinearProgress sx={{ mb: 2 }} />}

      {o && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
            <Figure
              title={translate("yinfa.dashboard.volunteers")}
              value={n(o.volunteers.active)}
              detail={`${translate("yinfa.dashboard.inTalentPool", { count: n(o.volunteers.inTalentPool) })} · ${translate("yinfa.dashboard.joined", { count: n(o.volunteers.joined) })}`}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
            <Figure
              title={translate("yinfa.dashboard.activities")}
              value={n(o.activitiesHeld)}
              detail={translate("yinfa.dashboard.participations", { count: n(o.participations) })}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
            <Figure
              title={translate("yinfa.dashboard.hours")}
              value={hours(o.serviceHours)}
              detail={translate("yinfa.dashboard.serving", { count: n(o.volunteersServing) })}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
            <Figure title={translate("yinfa.dashboard.beneficiaries")} value={n(o.beneficiariesReached)} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
            <Figure
              title={translate("yinfa.dashboard.pairings")}
              value={n(o.pairings.active)}
              detail={translate("yinfa.dashboard.pairingsDetail", {
                active: n(o.pairings.active),
                started: n(o.pairings.started),
                concluded: n(o.pairings.concluded)
              })}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
            <Figure
              title={translate("yinfa.dashboard.reports")}
              value={n(o.reports.submitted)}
              detail={translate("yinfa.dashboard.reportsDetail", {
                submitted: n(o.reports.submitted),
                accepted: n(o.reports.accepted),
                published: n(o.reports.published)
              })}
            />
          </Grid>

          <Grid size={{ xs: 12, lg: 6 }}>
            <Panel title={translate("yinfa.dashboard.hoursByCategory")}>
              <Suspense fallback={<ChartLoading />}>
                <HoursByCategoryChart data={o.hoursByCategory.map((c) => ({ name: categoryName(c.category), hours: c.hours }))} />
              </Suspense>
            </Panel>
          </Grid>
          {/* A region admin's figures, or one region chosen, would chart a single bar: the total above says it. */}
          {o.hoursByRegion.length > 1 && (
            <Grid size={{ xs: 12, lg: 6 }}>
              <Panel title={translate("yinfa.dashboard.hoursByRegion")}>
                <Suspense fallback={<ChartLoading />}>
                  <HoursByRegionChart
                    data={[...o.hoursByRegion]
                      .sort((a, b) => regionOrder(a.regionCode) - regionOrder(b.regionCode))
                      .map((r) => ({ name: nameOf(r.regionCode), hours: r.hours }))}
                  />
                </Suspense>
              </Panel>
            </Grid>
          )}
          {o.volunteers.byAgeBand.length > 0 && (
            <Grid size={{ xs: 12, lg: 6 }}>
              <Panel title={translate("yinfa.dashboard.ageBands")}>
                <Suspense fallback={<ChartLoading />}>
                  <AgeBandChart bands={o.volunteers.byAgeBand} />
                </Suspense>
              </Panel>
            </Grid>
          )}
        </Grid>
      )}

      {series.data && (
        <Box sx={{ mt: 2 }}>
          <Panel title={translate("yinfa.dashboard.series")}>
            <Suspense fallback={<ChartLoading />}>
              <SeriesChart series={series.data} />
            </Suspense>
          </Panel>
        </Box>
      )}

      {coverage.data && (
        <Box sx={{ mt: 2 }}>
          <Panel title={translate("yinfa.dashboard.coverage")} help={translate("yinfa.dashboard.coverageHelp")}>
            <CoverageTable rows={coverage.data} regionName={nameOf} categoryName={categoryName} format={n} hoursLabel={hours} />
          </Panel>
        </Box>
      )}
    </Box>
  )
}

/**
 * Region × category grid: each cell shows activities held and hours; a blank cell is a category
 * not yet covered in that region. Regions keep their configured order — this is not a ranking.
 */
const CoverageTable = ({
  rows,
  regionName,
  categoryName,
  format,
  hoursLabel
}: {
  rows: ReadonlyArray<CoverageRow>
  regionName: (code: string) => string
  categoryName: (code: string) => string
  format: (n: number) => string
  hoursLabel: (n: number) => string
}) => {
  const translate = useTranslate()
  const regionCodes = [...new Set(rows.map((r) => r.regionCode))]
  const cell = (region: string, category: string) => rows.find((r) => r.regionCode === region && r.category === category)
  const max = Math.max(1, ...rows.map((r) => r.serviceHours))
  if (!regionCodes.length) return <Typography>{translate("yinfa.dashboard.noData")}</Typography>
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Box
        component="table"
        sx={{ borderCollapse: "collapse", width: "100%", "& td, & th": { border: "1px solid #e0e0e0", p: 1, textAlign: "center" } }}
      >
        <thead>
          <tr>
            <th>{translate("yinfa.dashboard.region")}</th>
            {CATEGORIES.map((c) => (
              <th key={c.code}>{categoryName(c.code)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {regionCodes.map((region) => (
            <tr key={region}>
              <th scope="row">{regionName(region)}</th>
              {CATEGORIES.map((c) => {
                const row = cell(region, c.code)
                const covered = row && (row.activitiesHeld > 0 || row.serviceHours > 0)
                return (
                  <td
                    key={c.code}
                    style={{ background: covered ? `rgba(183, 28, 28, ${0.1 + (0.5 * row.serviceHours) / max})` : undefined }}
                  >
                    {covered ? (
                      <>
                        <div>
                          {translate("yinfa.dashboard.activitiesHeldCount", {
                            smart_count: row.activitiesHeld,
                            count: format(row.activitiesHeld)
                          })}
                        </div>
                        <div>{hoursLabel(row.serviceHours)}</div>
                      </>
                    ) : (
                      ""
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  )
}
