import { Create, SimpleForm } from "react-admin"
import { BrandProjectInputs } from "./Inputs.js"

export const BrandProjectCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <BrandProjectInputs />
    </SimpleForm>
  </Create>
)
