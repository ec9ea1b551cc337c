import {
  BooleanInput,
  FormDataConsumer,
  minLength,
  PasswordInput,
  ReferenceInput,
  regex,
  required,
  SelectInput,
  TextInput
} from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { emptyToNull } from "../../common/inputs.js"

/** Region admins must have a region; a viewer without one reads the whole city. */
const regionForRegionAdmins = (value: string | null, all: { role?: string }) =>
  all.role === "region-admin" && !value ? "yinfa.core.validation.regionRequired" : undefined

const UserRegionInput = () => (
  <FormDataConsumer<{ role?: string }>>
    {({ formData }) =>
      formData.role === "city-admin" ? null : (
        <ReferenceInput source="regionCode" reference="regions" sort={{ field: "sortOrder", order: "ASC" }} perPage={100}>
          <SelectInput optionText="name" emptyText=" " parse={emptyToNull} validate={regionForRegionAdmins} fullWidth />
        </ReferenceInput>
      )
    }
  </FormDataConsumer>
)

/** The password is sent in clear over HTTPS and hashed by the server; it is never read back. */
export const UserInputs = ({ create = false }: { create?: boolean }) => (
  <>
    <TextInput source="username" validate={[required(), regex(/^[a-z][a-z0-9_.-]{2,31}$/, "yinfa.core.validation.username")]} fullWidth />
    <TextInput source="displayName" validate={required()} fullWidth />
    <SelectInput source="role" choices={choicesOf("role")} validate={required()} defaultValue="viewer" fullWidth />
    <UserRegionInput />
    <BooleanInput source="active" defaultValue={true} />
    <PasswordInput
      source="password"
      validate={create ? [required(), minLength(8, "yinfa.core.validation.password")] : minLength(8, "yinfa.core.validation.password")}
      fullWidth
    />
  </>
)
