import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { BooleanField, DataTable, List, SearchInput, SelectInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { LabelField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"

export const UserList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={choicesOf("role")} />]}
    sort={DEFAULT_LIST_ORDER.users}
  >
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="username" />
      <DataTable.Col source="displayName" />
      <DataTable.Col source="role">
        <LabelField source="role" prefix="yinfa.enum.role" />
      </DataTable.Col>
      <DataTable.Col source="regionCode">
        <RegionField />
      </DataTable.Col>
      <DataTable.Col source="active">
        <BooleanField source="active" />
      </DataTable.Col>
    </DataTable>
  </List>
)
