import { AutocompleteInput, maxValue, minValue, NumberInput, ReferenceInput, required, SelectInput, TextInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { useCityClock } from "../../common/cityClock.js"

/** The volunteer is chosen once; the region is copied from them by the server. */
export const ExemplarInputs = ({ create = false }: { create?: boolean }) => {
  const clock = useCityClock()
  return (
    <>
      {create && (
        <ReferenceInput source="volunteerId" reference="volunteers">
          <AutocompleteInput validate={required()} fullWidth />
        </ReferenceInput>
      )}
      <SelectInput source="level" choices={choicesOf("exemplarLevel")} validate={required()} fullWidth />
      <NumberInput source="year" defaultValue={clock.year()} validate={[required(), minValue(1949), maxValue(2100)]} fullWidth />
      <TextInput source="title" validate={required()} fullWidth />
      <TextInput source="citation" validate={required()} multiline minRows={5} fullWidth />
    </>
  )
}
