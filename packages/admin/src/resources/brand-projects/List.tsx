import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, List, ReferenceField, SearchInput, SelectInput } from "react-admin"
import { categoryChoices } from "../../common/choices.js"
import { LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const BrandProjectList = () => {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    ...useRegionFilters(),
    <SelectInput key="category" source="category" choices={categoryChoices} />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER["brand-projects"]} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="category">
          <LabelField source="category" prefix="yinfa.category" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="ownerOrganizationId">
          <ReferenceField source="ownerOrganizationId" reference="organizations" link={false} emptyText="" />
        </DataTable.Col>
        <DataTable.Col source="yearStarted" />
      </DataTable>
    </List>
  )
}
