import { NumberInput, regex, required, SelectInput, TextInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { emptyToNull } from "../../common/inputs.js"

/** A region's code is its identity: set once (GB/T 2260 where one exists), never changed. */
export const RegionInputs = ({ create = false }: { create?: boolean }) => (
  <>
    <TextInput source="code" validate={required()} disabled={!create} fullWidth />
    <TextInput source="name" validate={required()} fullWidth />
    <TextInput source="nameEn" fullWidth />
    <SelectInput source="kind" choices={choicesOf("regionKind")} validate={required()} fullWidth />
    <TextInput source="parentCode" parse={emptyToNull} fullWidth />
    <TextInput source="slug" validate={[required(), regex(/^[a-z][a-z0-9-]{1,30}$/)]} fullWidth />
    <NumberInput source="sortOrder" defaultValue={0} fullWidth />
  </>
)
