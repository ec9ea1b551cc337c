import { Create, SimpleForm } from "react-admin"
import { ExemplarInputs } from "./Inputs.js"

export const ExemplarCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ExemplarInputs create />
    </SimpleForm>
  </Create>
)
