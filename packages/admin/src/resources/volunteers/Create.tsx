import { Create, SimpleForm } from "react-admin"
import { VolunteerInputs } from "./Inputs.js"

export const VolunteerCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <VolunteerInputs />
    </SimpleForm>
  </Create>
)
