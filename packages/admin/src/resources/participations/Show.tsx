import { BooleanField, EditButton, Labeled, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from "react-admin"
import { AuditTrail } from "../../common/AuditTrail.js"
import { HoursField, InstantField, LabelField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"
import { ParticipationActions } from "../activities/Show.js"

const Actions = () => (
  <TopToolbar>
    <ParticipationActions />
    <EditButton />
  </TopToolbar>
)

export const ParticipationShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <ReferenceField source="activityId" reference="activities" />
      <ReferenceField source="volunteerId" reference="volunteers" />
      <Labeled source="regionCode">
        <RegionField />
      </Labeled>
      <LabelField source="status" prefix="yinfa.enum.participationStatus" />
      <TextField source="role" />
      <HoursField source="hours" />
      <TextField source="feedback" />
      <BooleanField source="recordedLate" />
      <TextField source="overrideReason" emptyText="—" />
      <InstantField source="signedUpAt" />
      <InstantField source="confirmedAt" />
      <InstantField source="recordedAt" />
      <InstantField source="withdrawnAt" />
      <Labeled label="yinfa.volunteer.tabs.audit" fullWidth>
        <AuditTrail resource="participations" />
      </Labeled>
    </SimpleShowLayout>
  </Show>
)
