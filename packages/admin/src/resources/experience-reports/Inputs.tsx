import { ReferenceArrayInput, required, SelectArrayInput, SelectInput, TextInput } from "react-admin"
import { categoryChoices } from "../../common/choices.js"
import { RegionInput } from "../../common/regions.js"

export const ExperienceReportInputs = () => (
  <>
    <TextInput source="title" validate={required()} fullWidth />
    <SelectInput source="category" choices={categoryChoices} validate={required()} fullWidth />
    <RegionInput />
    <TextInput source="body" validate={required()} multiline minRows={8} fullWidth />
    <ReferenceArrayInput source="activityIds" reference="activities">
      <SelectArrayInput optionText="title" fullWidth />
    </ReferenceArrayInput>
  </>
)
