import { BooleanField, Labeled, Show, SimpleShowLayout, TextField } from "react-admin"
import { InstantField, LabelField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"

export const UserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="username" />
      <TextField source="displayName" />
      <LabelField source="role" prefix="yinfa.enum.role" />
      <Labeled source="regionCode">
        <RegionField />
      </Labeled>
      <BooleanField source="active" />
      <InstantField source="createdAt" />
      <InstantField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
)
