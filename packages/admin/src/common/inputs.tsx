import { DateTimeInput, type DateTimeInputProps, maxValue, minValue, NumberInput, ReferenceInput, required, SelectInput } from "react-admin"
import { cityWallClockOf, instantAtCityWallClock, useCityClock } from "./cityClock.js"

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

/**
 * A recorded instant (a consent's time) typed and shown on the city's clock: the browser's own
 * zone would store 09:00 typed on a machine set to UTC as 17:00 in the city.
 */
export const CityInstantInput = (props: DateTimeInputProps) => {
  const { utcOffsetMinutes } = useCityClock()
  return (
    <DateTimeInput
      format={(v: string | null | undefined) => (v ? cityWallClockOf(v, utcOffsetMinutes) : "")}
      parse={(v: string) => (v ? instantAtCityWallClock(v, utcOffsetMinutes) : null)}
      {...props}
    />
  )
}
