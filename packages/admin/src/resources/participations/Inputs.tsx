import { AutocompleteInput, ReferenceInput, required, TextInput } from "react-admin"
import { emptyToNull } from "../../common/inputs.js"

/** Sign-up: the server checks status, channel against fitness, clashes and monthly capacity. */
export const SignUpInputs = () => (
  <>
    <ReferenceInput source="activityId" reference="activities" filter={{ status: "published" }}>
      <AutocompleteInput validate={required()} fullWidth />
    </ReferenceInput>
    <ReferenceInput source="volunteerId" reference="volunteers" filter={{ status: "active" }}>
      <AutocompleteInput validate={required()} fullWidth />
    </ReferenceInput>
    <TextInput source="role" fullWidth />
    <TextInput source="overrideReason" multiline minRows={2} helperText="yinfa.dialog.overrideReason" parse={emptyToNull} fullWidth />
  </>
)

/** A plain edit changes only the role and the feedback; status moves through the workflow buttons. */
export const ParticipationEditInputs = () => (
  <>
    <TextInput source="role" fullWidth />
    <TextInput source="feedback" multiline minRows={3} fullWidth />
  </>
)
