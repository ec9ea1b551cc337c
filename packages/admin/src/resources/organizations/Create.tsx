import { Create, SimpleForm } from "react-admin"
import { OrganizationInputs } from "./Inputs.js"

export const OrganizationCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <OrganizationInputs />
    </SimpleForm>
  </Create>
)
