import { required, SelectInput, TextInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { emptyToNull } from "../../common/inputs.js"
import { RegionInput } from "../../common/regions.js"

const validateContactPhone = (v: unknown) =>
  v && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(String(v).trim()) ? "yinfa.core.validation.contactPhone" : undefined

export const OrganizationInputs = () => (
  <>
    <TextInput source="name" validate={required()} fullWidth />
    <SelectInput source="kind" choices={choicesOf("organizationKind")} validate={required()} fullWidth />
    <RegionInput />
    <TextInput source="contactName" fullWidth />
    <TextInput source="contactPhone" validate={validateContactPhone} parse={emptyToNull} fullWidth />
    <TextInput source="address" fullWidth />
  </>
)
