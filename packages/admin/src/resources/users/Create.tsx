import { Create, SimpleForm } from "react-admin"
import { UserInputs } from "./Inputs.js"

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <UserInputs create />
    </SimpleForm>
  </Create>
)
