import { maxValue, minValue, NumberInput, required, SelectInput, TextInput } from "react-admin"
import { categoryChoices } from "../../common/choices.js"
import { useCityClock } from "../../common/cityClock.js"
import { OptionalReferenceInput } from "../../common/inputs.js"
import { RegionInput } from "../../common/regions.js"

export const BrandProjectInputs = () => {
  const clock = useCityClock()
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <SelectInput source="category" choices={categoryChoices} validate={required()} fullWidth />
      <RegionInput />
      <OptionalReferenceInput source="ownerOrganizationId" reference="organizations" />
      <NumberInput source="yearStarted" defaultValue={clock.year()} validate={[required(), minValue(1949), maxValue(2100)]} fullWidth />
      <TextInput source="description" multiline minRows={4} fullWidth />
    </>
  )
}
