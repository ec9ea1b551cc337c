import { Labeled, ReferenceField, Show, SimpleShowLayout, TextField } from "react-admin"
import { LabelField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"

export const ExemplarShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="volunteerId" reference="volunteers" />
      <LabelField source="level" prefix="yinfa.enum.exemplarLevel" />
      <TextField source="year" />
      <TextField source="title" />
      <TextField source="citation" sx={{ whiteSpace: "pre-wrap" }} />
      <Labeled source="regionCode">
        <RegionField />
      </Labeled>
    </SimpleShowLayout>
  </Show>
)
