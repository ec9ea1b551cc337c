import { Create, SimpleForm } from "react-admin"
import { PairingCreateInputs } from "./Inputs.js"

export const PairingCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <PairingCreateInputs />
    </SimpleForm>
  </Create>
)
