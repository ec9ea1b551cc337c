import { Create, SimpleForm } from "react-admin"
import { ActivityInputs } from "./Inputs.js"

const SAFETY_PLAN_KEYS = ["medicalAid", "transport", "insurer", "insurancePolicyNumber", "epidemicMeasures", "risksDisclosed"] as const

/** Blank safety-plan texts are drafts, not errors: send the plan only when something is written in it. */
export const withSafetyPlan = (data: any) => {
  const plan = data.safetyPlan
  const empty = !plan || Object.values(plan).every((v) => v === null || v === undefined || v === "")
  const filled = empty ? null : Object.fromEntries(SAFETY_PLAN_KEYS.map((k) => [k, plan[k] ?? ""]))
  return { ...data, safetyPlan: filled }
}

export const ActivityCreate = () => (
  <Create redirect="show" transform={withSafetyPlan}>
    <SimpleForm>
      <ActivityInputs />
    </SimpleForm>
  </Create>
)
