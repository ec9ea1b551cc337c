import { maxValue, minValue, NumberInput, ReferenceInput, required, SelectInput } from "react-admin"

/** An empty optional text or choice is null for the server, not "". */
export const emptyToNull = (v: string) => (v === "" ? null : v)

const validateHours = [required(), minValue(0.5), maxValue(24)]

/** Service hours of one occasion: half-hour steps, at most a day. */
export const HoursInput = ({ label }: { label?: string }) => (
  <NumberInput source="hours" label={label} validate={validateHours} step={0.5} fullWidth />
)

/** An optional reference picked by name; clearing it sends null. */
export const OptionalReferenceInput = ({ source, reference, filter }: { source: string; reference: string; filter?: object }) => (
  <ReferenceInput source={source} reference={reference} filter={filter}>
    <SelectInput optionText="name" emptyText=" " parse={emptyToNull} fullWidth />
  </ReferenceInput>
)
