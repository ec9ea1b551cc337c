import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { BooleanField, DataTable, List, SearchInput, SelectInput } from "react-admin"
import { categoryChoices, choicesOf } from "../../common/choices.js"
import { InstantField, LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const ExperienceReportList = () => {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    ...useRegionFilters(),
    <SelectInput key="category" source="category" choices={categoryChoices} />,
    <SelectInput key="status" source="status" choices={choicesOf("reportStatus")} />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER["experience-reports"]} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" />
        <DataTable.Col source="category">
          <LabelField source="category" prefix="yinfa.category" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <LabelField source="status" prefix="yinfa.enum.reportStatus" />
        </DataTable.Col>
        <DataTable.Col source="featured">
          <BooleanField source="featured" />
        </DataTable.Col>
        <DataTable.Col source="submittedAt">
          <InstantField source="submittedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
