import { Create, SimpleForm } from "react-admin"
import { ExperienceReportInputs } from "./Inputs.js"

export const ExperienceReportCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ExperienceReportInputs />
    </SimpleForm>
  </Create>
)
