import { Create, SimpleForm } from "react-admin"
import { SignUpInputs } from "./Inputs.js"

/** Creating a participation is a sign-up (POST /api/participations). */
export const ParticipationCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <SignUpInputs />
    </SimpleForm>
  </Create>
)
