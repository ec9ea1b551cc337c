import { Edit, SimpleForm } from "react-admin"
import { PairingEditInputs } from "./Inputs.js"

export const PairingEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <PairingEditInputs />
    </SimpleForm>
  </Edit>
)
