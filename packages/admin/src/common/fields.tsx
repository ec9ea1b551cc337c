import { Chip, Stack, Typography } from "@mui/material"
import { type FieldProps, useFieldValue, useLocaleState, useTranslate } from "react-admin"
import { useCityClock } from "./cityClock.js"
import { formatDate, formatInstant, formatLocalDateTime, formatNumber } from "./format.js"

type Props = FieldProps & { source: string }

const Text = ({ children, nowrap = false }: { children: string; nowrap?: boolean }) => (
  <Typography component="span" variant="body2" sx={nowrap ? { whiteSpace: "nowrap" } : undefined}>
    {children}
  </Typography>
)

/** A calendar date (YYYY-MM-DD), on one line: a narrow column otherwise breaks 2026年9月28日 before 日. */
export const DateOnlyField = (props: Props) => {
  const [locale] = useLocaleState()
  return <Text nowrap>{formatDate(locale, useFieldValue(props))}</Text>
}

/** An activity time (YYYY-MM-DDTHH:mm, the city's wall clock). */
export const LocalDateTimeField = (props: Props) => {
  const [locale] = useLocaleState()
  return <Text>{formatLocalDateTime(locale, useFieldValue(props))}</Text>
}

/** A moment the system recorded (UTC instant). */
export const InstantField = (props: Props) => {
  const [locale] = useLocaleState()
  const { utcOffsetMinutes } = useCityClock()
  return <Text>{formatInstant(locale, useFieldValue(props), utcOffsetMinutes)}</Text>
}

export const LocaleNumberField = (props: Props) => {
  const [locale] = useLocaleState()
  return <Text>{formatNumber(locale, useFieldValue(props))}</Text>
}

/** Hours with their unit: 12.5 小时. */
export const HoursField = (props: Props) => {
  const [locale] = useLocaleState()
  const translate = useTranslate()
  const value = useFieldValue(props)
  return <Text>{value === null || value === undefined ? "" : translate("yinfa.common.hours", { hours: formatNumber(locale, value) })}</Text>
}

/** ★★☆☆☆ for a star level 0–5. */
export const stars = (level: number) => "★".repeat(level) + "☆".repeat(Math.max(0, 5 - level))

/** Codes of an array field as translated chips: interests, expertise, channels. */
export const LabelsField = ({ prefix, ...props }: Props & { prefix: string }) => {
  const translate = useTranslate()
  const value = useFieldValue(props) as ReadonlyArray<string> | undefined
  return (
    <Stack direction="row" gap={0.5} flexWrap="wrap" component="span">
      {(value ?? []).map((v) => (
        <Chip key={v} size="small" label={translate(`${prefix}.${v}`, { _: v })} />
      ))}
    </Stack>
  )
}

/** A resource's name ("volunteers" → 志愿者), as the audit log names what was changed. */
export const ResourceNameField = (props: Props) => {
  const translate = useTranslate()
  const value = useFieldValue(props)
  return <Text>{value ? translate(`resources.${value}.name`, { smart_count: 1, _: String(value) }) : ""}</Text>
}

/** One code as its translated label. */
export const LabelField = ({ prefix, ...props }: Props & { prefix: string }) => {
  const translate = useTranslate()
  const value = useFieldValue(props)
  return <Text>{value === null || value === undefined || value === "" ? "" : translate(`${prefix}.${value}`, { _: String(value) })}</Text>
}
