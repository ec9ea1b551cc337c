import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, List } from "react-admin"
import { LabelField } from "../../common/fields.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const RegionList = () => (
  <List sort={DEFAULT_LIST_ORDER.regions} perPage={50} actions={<YinfaListActions />} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="code" />
      <DataTable.Col source="name" />
      <DataTable.Col source="nameEn" />
      <DataTable.Col source="kind">
        <LabelField source="kind" prefix="yinfa.enum.regionKind" />
      </DataTable.Col>
      <DataTable.Col source="sortOrder" />
    </DataTable>
  </List>
)
