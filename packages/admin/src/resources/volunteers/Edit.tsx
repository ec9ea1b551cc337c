import { Edit, SimpleForm } from "react-admin"
import { VolunteerInputs } from "./Inputs.js"

// Pessimistic: a refusal (jurisdiction, validation) must keep the form open with the server's messages.
export const VolunteerEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <VolunteerInputs />
    </SimpleForm>
  </Edit>
)
