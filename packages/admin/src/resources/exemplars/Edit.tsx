import { Edit, SimpleForm } from "react-admin"
import { ExemplarInputs } from "./Inputs.js"

export const ExemplarEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <ExemplarInputs />
    </SimpleForm>
  </Edit>
)
