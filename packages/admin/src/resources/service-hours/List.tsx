import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { AutocompleteInput, BooleanField, DataTable, DateInput, List, ReferenceField, ReferenceInput, SelectInput } from "react-admin"
import { categoryChoices, choicesOf } from "../../common/choices.js"
import { DateOnlyField, HoursField, LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

/** The append-only ledger: attendance, check-ins and corrections (with their reason), never edited. */
export const ServiceHourList = () => {
  const filters = [
    <ReferenceInput key="volunteerId" source="volunteerId" reference="volunteers" alwaysOn>
      <AutocompleteInput />
    </ReferenceInput>,
    ...useRegionFilters(),
    <SelectInput key="category" source="category" choices={categoryChoices} />,
    <SelectInput key="source" source="source" choices={choicesOf("serviceHourSource")} />,
    <DateInput key="serviceDate_gte" source="serviceDate_gte" />,
    <DateInput key="serviceDate_lte" source="serviceDate_lte" />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER["service-hours"]} actions={<YinfaListActions />} exporter={false}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="serviceDate">
          <DateOnlyField source="serviceDate" />
        </DataTable.Col>
        <DataTable.Col source="volunteerId">
          <ReferenceField source="volunteerId" reference="volunteers" />
        </DataTable.Col>
        <DataTable.Col source="category">
          <LabelField source="category" prefix="yinfa.category" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="source">
          <LabelField source="source" prefix="yinfa.enum.serviceHourSource" />
        </DataTable.Col>
        <DataTable.Col source="hours">
          <HoursField source="hours" />
        </DataTable.Col>
        <DataTable.Col source="reason" />
        <DataTable.Col source="late">
          <BooleanField source="late" />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
