import { Edit, SimpleForm } from "react-admin"
import { BrandProjectInputs } from "./Inputs.js"

export const BrandProjectEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <BrandProjectInputs />
    </SimpleForm>
  </Edit>
)
