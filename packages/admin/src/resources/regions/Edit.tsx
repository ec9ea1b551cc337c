import { Edit, SimpleForm } from "react-admin"
import { RegionInputs } from "./Inputs.js"

export const RegionEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <RegionInputs />
    </SimpleForm>
  </Edit>
)
