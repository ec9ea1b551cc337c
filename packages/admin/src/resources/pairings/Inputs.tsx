import { AutocompleteInput, ReferenceInput, required, SelectInput, TextInput } from "react-admin"
import { categoryChoices, choicesOf } from "../../common/choices.js"
import { emptyToNull } from "../../common/inputs.js"
import { RegionInput } from "../../common/regions.js"

/** Pupils need a guardian's contact; the server says so too (validation.guardianRequired). */
const guardianForPupils = (value: string | null, all: { menteeType?: string | null }) =>
  all.menteeType === "pupil" && !value ? "yinfa.core.validation.guardianRequired" : undefined

const GuardianInput = () => <TextInput source="guardianContact" parse={emptyToNull} validate={guardianForPupils} fullWidth />

/** A pairing is either a person (结对帮带) or an organisation (项目对接). */
export const PairingCreateInputs = () => (
  <>
    <ReferenceInput source="mentorId" reference="volunteers" filter={{ status: "active" }}>
      <AutocompleteInput validate={required()} fullWidth />
    </ReferenceInput>
    <SelectInput source="category" choices={categoryChoices} validate={required()} fullWidth />
    <RegionInput />
    <SelectInput source="menteeType" choices={choicesOf("menteeType")} emptyText=" " parse={emptyToNull} fullWidth />
    <TextInput source="menteeName" fullWidth />
    <TextInput source="menteeUnit" fullWidth />
    <GuardianInput />
    <ReferenceInput source="beneficiaryOrganizationId" reference="organizations" filter={{ kind: "beneficiary" }}>
      <AutocompleteInput parse={emptyToNull} fullWidth />
    </ReferenceInput>
    <TextInput source="goals" multiline minRows={3} fullWidth />
  </>
)

/** After creation only the goals, the mentee's unit and the guardian contact change. */
export const PairingEditInputs = () => (
  <>
    <TextInput source="goals" multiline minRows={3} fullWidth />
    <TextInput source="menteeUnit" fullWidth />
    <GuardianInput />
  </>
)
