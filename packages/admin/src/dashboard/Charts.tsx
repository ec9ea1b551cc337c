import type { AgeBand, SeriesPoint } from "@yinfa/core"
import { useLocaleState, useTranslate } from "react-admin"
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { formatMonth, formatNumber } from "../common/format.js"

/**
 * The dashboard's charts: everything that needs recharts, in one module the dashboard loads
 * lazily, so the first list a clerk opens does not wait for a charting library.
 */

const COLORS = ["#b71c1c", "#e65100", "#2e7d32", "#1565c0", "#6a1b9a"]

const useFormats = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const n = (v: number) => formatNumber(locale, v)
  return { translate, locale, n, hours: (v: number) => translate("yinfa.common.hours", { hours: n(v) }) }
}

export interface NamedHours {
  readonly name: string
  readonly hours: number
}

export const HoursByCategoryChart = ({ data }: { data: ReadonlyArray<NamedHours> }) => {
  const { translate, n, hours } = useFormats()
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={[...data]} layout="vertical" margin={{ left: 40 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={n} />
        <YAxis type="category" dataKey="name" width={120} />
        <Tooltip formatter={(v) => hours(Number(v))} />
        <Bar dataKey="hours" name={translate("yinfa.dashboard.hours")} fill={COLORS[0]} />
      </BarChart>
    </ResponsiveContainer>
  )
}

/** Height of one region's bar and its gap, enough for a name wrapped on three lines. */
const REGION_ROW_PX = 36

/**
 * Bars across, a region a row: the names (盐城经济技术开发区, "Yancheng Economic & Technological
 * Development Zone") wrap beside their bars instead of being slanted and cut off under them.
 */
export const HoursByRegionChart = ({ data }: { data: ReadonlyArray<NamedHours> }) => {
  const { translate, locale, n, hours } = useFormats()
  return (
    <ResponsiveContainer width="100%" height={Math.max(300, 40 + data.length * REGION_ROW_PX)}>
      <BarChart data={[...data]} layout="vertical" margin={{ left: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={n} />
        {/* English names are up to 50 letters ("Yancheng Economic & Technological Development Zone"), Chinese up to 9 characters. */}
        <YAxis type="category" dataKey="name" width={locale === "en" ? 190 : 150} interval={0} />
        <Tooltip formatter={(v) => hours(Number(v))} />
        <Bar dataKey="hours" name={translate("yinfa.dashboard.hours")} fill={COLORS[3]} />
      </BarChart>
    </ResponsiveContainer>
  )
}

/** Active volunteers by age on the period's last day (55-59 … 80+), in the server's band order. */
export const AgeBandChart = ({ bands }: { bands: ReadonlyArray<AgeBand> }) => {
  const { translate, n } = useFormats()
  const people = translate("yinfa.dashboard.people")
  const data = bands.map((b) => ({ name: translate("yinfa.dashboard.ageBand", { band: b.band }), count: b.count }))
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" interval={0} />
        <YAxis tickFormatter={n} allowDecimals={false} />
        <Tooltip formatter={(v) => n(Number(v))} />
        {/* No animation: the counts over the bars are the figures people read off, shown at once. */}
        <Bar
          dataKey="count"
          name={people}
          fill={COLORS[1]}
          isAnimationActive={false}
          label={{ position: "top", formatter: (v: unknown) => n(Number(v)) }}
        />
      </BarChart>
    </ResponsiveContainer>
  )
}

/** The series' lines: hours on the left axis, the counts on the right. */
const SERIES_LINES = [
  { dataKey: "serviceHours", axis: "hours", label: "yinfa.dashboard.hours", stroke: COLORS[0] },
  { dataKey: "activitiesHeld", axis: "count", label: "yinfa.dashboard.activities", stroke: COLORS[3] },
  { dataKey: "participations", axis: "count", label: "yinfa.dashboard.participationsLabel", stroke: COLORS[2] },
  { dataKey: "volunteersJoined", axis: "count", label: "yinfa.dashboard.joinedLabel", stroke: COLORS[4] }
] as const

export const SeriesChart = ({ series }: { series: ReadonlyArray<SeriesPoint> }) => {
  const { translate, locale, n } = useFormats()
  return (
    <ResponsiveContainer width="100%" height={320}>
      <LineChart data={series.map((p) => ({ ...p, label: formatMonth(locale, p.month) }))}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis yAxisId="hours" tickFormatter={n} />
        <YAxis yAxisId="count" orientation="right" tickFormatter={n} />
        <Tooltip formatter={(v) => n(Number(v))} />
        <Legend />
        {SERIES_LINES.map(({ dataKey, axis, label, stroke }) => (
          <Line key={dataKey} yAxisId={axis} type="monotone" dataKey={dataKey} name={translate(label)} stroke={stroke} strokeWidth={2} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  )
}
