import { Create, SimpleForm } from "react-admin"
import { RegionInputs } from "./Inputs.js"

export const RegionCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <RegionInputs create />
    </SimpleForm>
  </Create>
)
