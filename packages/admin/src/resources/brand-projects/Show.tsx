import { DataTable, Labeled, ReferenceField, Show, SimpleShowLayout, TextField } from "react-admin"
import { LabelField, LocalDateTimeField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"
import { RelatedRecords } from "../../common/RelatedRecords.js"

export const BrandProjectShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <LabelField source="category" prefix="yinfa.category" />
      <Labeled source="regionCode">
        <RegionField />
      </Labeled>
      <ReferenceField source="ownerOrganizationId" reference="organizations" emptyText="—" />
      <TextField source="yearStarted" />
      <TextField source="description" />
      <Labeled label="resources.activities.name" fullWidth>
        <RelatedRecords reference="activities" target="brandProjectId" sort={{ field: "startsAt", order: "DESC" }}>
          <DataTable.Col source="title" />
          <DataTable.Col source="startsAt">
            <LocalDateTimeField source="startsAt" />
          </DataTable.Col>
          <DataTable.Col source="status">
            <LabelField source="status" prefix="yinfa.enum.activityStatus" />
          </DataTable.Col>
        </RelatedRecords>
      </Labeled>
    </SimpleShowLayout>
  </Show>
)
