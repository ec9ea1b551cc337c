import { Grid, Typography } from "@mui/material"
import { residentIdProblem } from "@yinfa/core"
import {
  BooleanInput,
  CheckboxGroupInput,
  DateInput,
  FormDataConsumer,
  maxValue,
  minValue,
  NumberInput,
  required,
  SelectArrayInput,
  SelectInput,
  TextInput,
  useTranslate
} from "react-admin"
import { categoryChoices, choicesOf, expertiseChoices } from "../../common/choices.js"
import { CityInstantInput, emptyToNull, OptionalReferenceInput } from "../../common/inputs.js"
import { RegionInput } from "../../common/regions.js"

/** Same rule as the server (GB 11643 check digit); the message is core's, so both say the same. */
const validateIdNumber = (value: unknown) => {
  if (value === null || value === undefined || value === "") return undefined
  const v = String(value).trim().toUpperCase()
  // A masked copy from the list is not an edit: the data provider never sends it back.
  if (v.includes("*")) return undefined
  const problem = residentIdProblem(v)
  return problem ? `yinfa.core.validation.idNumber.${problem}` : undefined
}

const validatePhone = (value: unknown) => {
  if (value === null || value === undefined || value === "") return undefined
  const v = String(value).trim()
  if (v.includes("*")) return undefined
  return /^1[3-9]\d{9}$/.test(v) ? undefined : "yinfa.core.validation.phone"
}

/** Recorded moments are UTC instants; the browser shows and edits them in local time. */

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate()
  return (
    <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
      {translate(title)}
    </Typography>
  )
}

/** Fitness is sensitive health information: it can be set only after its own consent (PIPL). */
const FitnessInput = () => {
  const translate = useTranslate()
  return (
    <FormDataConsumer<{ healthDataConsentAt?: string | null }>>
      {({ formData }) => (
        <SelectInput
          source="fitness"
          choices={choicesOf("fitness")}
          disabled={!formData.healthDataConsentAt}
          emptyText=" "
          parse={emptyToNull}
          helperText={formData.healthDataConsentAt ? false : translate("yinfa.volunteer.fitnessNeedsConsent")}
          fullWidth
        />
      )}
    </FormDataConsumer>
  )
}

export const VolunteerInputs = () => (
  <Grid container columnSpacing={2} sx={{ width: "100%", maxWidth: 960 }}>
    <Grid size={12}>
      <Section title="yinfa.volunteer.sections.identity" />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="name" validate={required()} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectInput source="gender" choices={choicesOf("gender")} validate={required()} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <DateInput source="birthDate" validate={required()} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <RegionInput />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="idNumber" validate={validateIdNumber} parse={emptyToNull} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="phone" validate={validatePhone} parse={emptyToNull} fullWidth />
    </Grid>

    <Grid size={12}>
      <Section title="yinfa.volunteer.sections.background" />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="formerUnit" fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="formerPosition" fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectInput source="retirementType" choices={choicesOf("retirementType")} defaultValue="tuixiu" fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 3 }}>
      <BooleanInput source="partyMember" defaultValue={true} />
    </Grid>
    <Grid size={{ xs: 12, md: 3 }}>
      <OptionalReferenceInput source="partyBranchId" reference="organizations" filter={{ kind: "party-branch" }} />
    </Grid>

    <Grid size={12}>
      <Section title="yinfa.volunteer.sections.service" />
    </Grid>
    <Grid size={12}>
      <CheckboxGroupInput source="interests" choices={categoryChoices} defaultValue={[]} />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectArrayInput source="expertise" choices={expertiseChoices} defaultValue={[]} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <BooleanInput source="talentPool" defaultValue={false} />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <NumberInput source="monthlyHours" defaultValue={8} min={0} max={200} validate={[minValue(0), maxValue(200)]} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <CheckboxGroupInput
        source="channels"
        choices={choicesOf("acceptedChannel")}
        defaultValue={["online", "offline"]}
        validate={required()}
      />
    </Grid>

    <Grid size={12}>
      <Section title="yinfa.volunteer.sections.consent" />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <ConsentInput />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <CityInstantInput source="healthDataConsentAt" fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <FitnessInput />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <DateInput source="joinedAt" fullWidth />
    </Grid>
  </Grid>
)

const ConsentInput = () => {
  const translate = useTranslate()
  return <CityInstantInput source="consentAt" validate={required()} helperText={translate("yinfa.volunteer.consentHelp")} fullWidth />
}
