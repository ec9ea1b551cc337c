import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, DateInput, List, SelectInput, TextInput, useTranslate } from "react-admin"
import { cityDateOf, cityDayEnd, cityDayStart, useCityClock } from "../../common/cityClock.js"
import { choicesOf } from "../../common/choices.js"
import { InstantField, LabelField, ResourceNameField } from "../../common/fields.js"
import { useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"
import { AuditRecordField } from "./AuditRecordField.js"

const RESOURCES = [
  "volunteers",
  "activities",
  "participations",
  "service-hours",
  "pairings",
  "pairing-check-ins",
  "experience-reports",
  "brand-projects",
  "exemplars",
  "organizations",
  "regions",
  "certificates",
  "users"
]

export const AuditLogList = () => {
  // The days of the filter are the city's, as the times in the list are.
  const { utcOffsetMinutes } = useCityClock()
  const translate = useTranslate()
  const dayStart = (v: string) => (v ? cityDayStart(v, utcOffsetMinutes) : v)
  const dayEnd = (v: string) => (v ? cityDayEnd(v, utcOffsetMinutes) : v)
  const dayOf = (v: string) => (v ? cityDateOf(v, utcOffsetMinutes) : v)
  const filters = [
    // Resource names are plural forms (活动 |||| 活动): translated here with a count, not by the input.
    <SelectInput
      key="resource"
      source="resource"
      choices={RESOURCES.map((r) => ({ id: r, name: translate(`resources.${r}.name`, { smart_count: 1 }) }))}
      translateChoice={false}
      alwaysOn
    />,
    <TextInput key="recordId" source="recordId" />,
    <SelectInput key="action" source="action" choices={choicesOf("auditAction")} />,
    <TextInput key="actorName" source="actorName_q" label="resources.audit-log.fields.actorName" />,
    ...useRegionFilters(),
    <DateInput key="at_gte" source="at_gte" parse={dayStart} format={dayOf} label="yinfa.dashboard.from" />,
    <DateInput key="at_lte" source="at_lte" parse={dayEnd} format={dayOf} label="yinfa.dashboard.to" />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER["audit-log"]} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="at">
          <InstantField source="at" />
        </DataTable.Col>
        <DataTable.Col source="actorName" />
        <DataTable.Col source="resource">
          <ResourceNameField source="resource" />
        </DataTable.Col>
        <DataTable.Col source="recordId">
          <AuditRecordField />
        </DataTable.Col>
        <DataTable.Col source="action">
          <LabelField source="action" prefix="yinfa.enum.auditAction" />
        </DataTable.Col>
        <DataTable.Col source="note" />
      </DataTable>
    </List>
  )
}
