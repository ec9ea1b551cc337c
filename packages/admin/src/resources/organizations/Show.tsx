import { Labeled, Show, SimpleShowLayout, TextField } from "react-admin"
import { LabelField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"

export const OrganizationShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <LabelField source="kind" prefix="yinfa.enum.organizationKind" />
      <Labeled source="regionCode">
        <RegionField />
      </Labeled>
      <TextField source="contactName" />
      <TextField source="contactPhone" emptyText="—" />
      <TextField source="address" />
    </SimpleShowLayout>
  </Show>
)
