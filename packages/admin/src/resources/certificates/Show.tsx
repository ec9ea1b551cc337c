import { Labeled, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from "react-admin"
import { PrintCertificateButton } from "../../certificates/PrintCertificateButton.js"
import { DateOnlyField, HoursField } from "../../common/fields.js"
import { StarsField } from "./List.js"

const Actions = () => (
  <TopToolbar>
    <PrintCertificateButton />
  </TopToolbar>
)

/** What the certificate states, frozen at issue; the volunteer's record may have moved on since. */
export const CertificateShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="certificateNumber" />
      <ReferenceField source="volunteerId" reference="volunteers" emptyText="—" />
      <TextField source="volunteerName" />
      <TextField source="volunteerNumber" />
      <TextField source="maskedIdNumber" emptyText="—" />
      <HoursField source="totalHours" />
      <Labeled source="starLevel">
        <StarsField />
      </Labeled>
      <TextField source="serviceSummary" emptyText="—" />
      <DateOnlyField source="periodFrom" />
      <DateOnlyField source="periodTo" />
      <TextField source="issuer" sx={{ whiteSpace: "pre-line" }} />
      <DateOnlyField source="issuedOn" />
    </SimpleShowLayout>
  </Show>
)
