import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, List, SearchInput, SelectInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const OrganizationList = () => {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    ...useRegionFilters(),
    <SelectInput key="kind" source="kind" choices={choicesOf("organizationKind")} />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER.organizations} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <LabelField source="kind" prefix="yinfa.enum.organizationKind" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="contactName" />
        <DataTable.Col source="contactPhone" />
      </DataTable>
    </List>
  )
}
