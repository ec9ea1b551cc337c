import { Show, SimpleShowLayout, TextField } from "react-admin"
import { LabelField } from "../../common/fields.js"

export const RegionShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="nameEn" />
      <LabelField source="kind" prefix="yinfa.enum.regionKind" />
      <TextField source="parentCode" emptyText="—" />
      <TextField source="slug" />
      <TextField source="sortOrder" />
    </SimpleShowLayout>
  </Show>
)
