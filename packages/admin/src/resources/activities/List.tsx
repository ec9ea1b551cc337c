import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, DateInput, List, SearchInput, SelectInput } from "react-admin"
import { categoryChoices, choicesOf, formatChoices } from "../../common/choices.js"
import { LabelField, LocalDateTimeField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

/** Dates picked in a filter bound the wall-clock start time: from 00:00 of the first to 23:59 of the last. */
const dayStart = (v: string) => (v ? `${v}T00:00` : v)
const dayEnd = (v: string) => (v ? `${v}T23:59` : v)
const dayOf = (v: string) => (v ? v.slice(0, 10) : v)

export const ActivityList = () => {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    ...useRegionFilters(),
    <SelectInput key="category" source="category" choices={categoryChoices} />,
    <SelectInput key="format" source="format" choices={formatChoices()} />,
    <SelectInput key="channel" source="channel" choices={choicesOf("channel")} />,
    <SelectInput key="status" source="status" choices={choicesOf("activityStatus")} />,
    <DateInput key="startsAt_gte" source="startsAt_gte" parse={dayStart} format={dayOf} />,
    <DateInput key="startsAt_lte" source="startsAt_lte" parse={dayEnd} format={dayOf} />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER.activities} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" />
        <DataTable.Col source="category">
          <LabelField source="category" prefix="yinfa.category" />
        </DataTable.Col>
        <DataTable.Col source="format">
          <LabelField source="format" prefix="yinfa.format" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="channel">
          <LabelField source="channel" prefix="yinfa.enum.channel" />
        </DataTable.Col>
        <DataTable.Col source="startsAt">
          <LocalDateTimeField source="startsAt" />
        </DataTable.Col>
        <DataTable.NumberCol source="volunteersNeeded" />
        <DataTable.Col source="status">
          <LabelField source="status" prefix="yinfa.enum.activityStatus" />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
