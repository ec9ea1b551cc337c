import { Edit, SimpleForm } from "react-admin"
import { ExperienceReportInputs } from "./Inputs.js"

export const ExperienceReportEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <ExperienceReportInputs />
    </SimpleForm>
  </Edit>
)
