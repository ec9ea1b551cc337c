import { Edit, SimpleForm } from "react-admin"
import { ParticipationEditInputs } from "./Inputs.js"

export const ParticipationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <ParticipationEditInputs />
    </SimpleForm>
  </Edit>
)
