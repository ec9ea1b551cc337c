import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, List, NumberInput, ReferenceField, SelectInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const ExemplarList = () => {
  const filters = [
    ...useRegionFilters(),
    <SelectInput key="level" source="level" choices={choicesOf("exemplarLevel")} />,
    <NumberInput key="year" source="year" />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER.exemplars} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="year" />
        <DataTable.Col source="volunteerId">
          <ReferenceField source="volunteerId" reference="volunteers" link={false} />
        </DataTable.Col>
        <DataTable.Col source="title" />
        <DataTable.Col source="level">
          <LabelField source="level" prefix="yinfa.enum.exemplarLevel" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
