import { Edit, SimpleForm } from "react-admin"
import { UserInputs } from "./Inputs.js"

/** An empty password field means "keep the current one". */
const dropEmptyPassword = (data: any) => {
  const { password, ...rest } = data
  return password ? { ...rest, password } : rest
}

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={dropEmptyPassword}>
    <SimpleForm>
      <UserInputs />
    </SimpleForm>
  </Edit>
)
