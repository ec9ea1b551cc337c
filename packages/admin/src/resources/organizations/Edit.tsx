import { Edit, SimpleForm } from "react-admin"
import { OrganizationInputs } from "./Inputs.js"

export const OrganizationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <OrganizationInputs />
    </SimpleForm>
  </Edit>
)
