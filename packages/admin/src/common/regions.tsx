import { Typography } from "@mui/material"
import {
  Labeled,
  ReferenceField,
  ReferenceInput,
  required,
  SelectInput,
  useGetOne,
  useInput,
  useLocaleState,
  useRecordContext,
  useTranslate,
  type Validator
} from "react-admin"
import { useYinfaPermissions } from "./permissions.js"

/** The region's name in the reader's language. */
export const regionName = (region: { name?: string; nameEn?: string } | undefined, locale: string) =>
  region ? (locale === "en" && region.nameEn ? region.nameEn : (region.name ?? "")) : ""

const RegionName = ({ code }: { code: string | null }) => {
  const [locale] = useLocaleState()
  const { data } = useGetOne("regions", { id: code ?? "" }, { enabled: !!code })
  return <Typography variant="body1">{regionName(data, locale) || code}</Typography>
}

export const RegionField = ({ source = "regionCode", label }: { source?: string; label?: string }) => (
  <ReferenceField source={source} reference="regions" link={false} label={label}>
    <RegionNameOfRecord />
  </ReferenceField>
)

const RegionNameOfRecord = () => {
  const [locale] = useLocaleState()
  return <ReferenceNameText render={(r) => regionName(r, locale)} />
}

const ReferenceNameText = ({ render }: { render: (r: any) => string }) => {
  const record = useRecordContext()
  return (
    <Typography component="span" variant="body2">
      {record ? render(record) : ""}
    </Typography>
  )
}

/** A region admin's region is set, not chosen: it is written into the form without a picker. */
const FixedRegion = ({ source, regionCode, label }: { source: string; regionCode: string; label?: string }) => {
  useInput({ source, defaultValue: regionCode })
  const translate = useTranslate()
  return (
    <Labeled label={label ?? translate("yinfa.dashboard.region")}>
      <RegionName code={regionCode} />
    </Labeled>
  )
}

/**
 * The region of a record. City admins pick one; region admins never see a picker (their region
 * is fixed, and the server would refuse any other).
 */
export const RegionInput = ({
  source = "regionCode",
  validate = required(),
  label
}: {
  source?: string
  validate?: Validator | Validator[]
  label?: string
}) => {
  const { pickRegion, regionCode } = useYinfaPermissions()
  if (!pickRegion && regionCode) return <FixedRegion source={source} regionCode={regionCode} label={label} />
  return (
    <ReferenceInput source={source} reference="regions" sort={{ field: "sortOrder", order: "ASC" }} perPage={100}>
      <SelectInput optionText="name" validate={validate} label={label} />
    </ReferenceInput>
  )
}

/** The region filter of lists: only for whom may pick a region. */
export const useRegionFilters = () => {
  const { pickRegion } = useYinfaPermissions()
  return pickRegion
    ? [
        <ReferenceInput key="regionCode" source="regionCode" reference="regions" sort={{ field: "sortOrder", order: "ASC" }} perPage={100}>
          <SelectInput optionText="name" />
        </ReferenceInput>
      ]
    : []
}
