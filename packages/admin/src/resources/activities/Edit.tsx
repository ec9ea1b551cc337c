import { Edit, SimpleForm } from "react-admin"
import { withSafetyPlan } from "./Create.js"
import { ActivityInputs } from "./Inputs.js"

export const ActivityEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={withSafetyPlan}>
    <SimpleForm>
      <ActivityInputs />
    </SimpleForm>
  </Edit>
)
