import { Alert, Grid, Typography } from "@mui/material"
import {
  DateTimeInput,
  FormDataConsumer,
  minValue,
  NumberInput,
  ReferenceArrayInput,
  required,
  SelectArrayInput,
  SelectInput,
  TextInput,
  useTranslate
} from "react-admin"
import { categoryChoices, choicesOf, expertiseChoices, formatChoices } from "../../common/choices.js"
import { emptyToNull, OptionalReferenceInput } from "../../common/inputs.js"
import { RegionInput } from "../../common/regions.js"

/** Activity times stay the city's wall clock (YYYY-MM-DDTHH:mm), exactly as typed. */
const wallClock = emptyToNull

const endAfterStart = (value: string, all: { startsAt?: string }) =>
  value && all.startsAt && value <= all.startsAt ? "yinfa.core.validation.endBeforeStart" : undefined

/** A format must belong to the chosen category (the server checks the same). */
const formatOfCategory = (value: string, all: { category?: string }) =>
  value && all.category && !formatChoices(all.category).some((c) => c.id === value)
    ? { message: "yinfa.core.validation.format", args: { format: value } }
    : undefined

/** The format list follows the chosen category. */
const FormatInput = () => (
  <FormDataConsumer<{ category?: string }>>
    {({ formData }) => (
      <SelectInput
        source="format"
        choices={formatChoices(formData.category)}
        validate={[required(), formatOfCategory]}
        disabled={!formData.category}
        fullWidth
      />
    )}
  </FormDataConsumer>
)

/** A venue is required unless the activity is online. */
const venueRequired = (value: string, all: { channel?: string }) =>
  all.channel && all.channel !== "online" && !value?.trim() ? "yinfa.core.validation.venueRequired" : undefined

const VenueInput = () => <TextInput source="venue" validate={venueRequired} fullWidth />

/**
 * 安全预案: medical aid, transport, insurance, epidemic measures and the risks told to volunteers
 * (条例 §12, §17). Drafts may leave it empty; publishing an offline activity needs it complete.
 */
const SafetyPlanInputs = () => {
  const translate = useTranslate()
  return (
    <>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate("resources.activities.fields.safetyPlan")}
      </Typography>
      <Alert severity="info" sx={{ my: 1 }}>
        {translate("yinfa.activity.safetyHelp")}
      </Alert>
      <Grid container columnSpacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextInput source="safetyPlan.medicalAid" multiline minRows={2} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextInput source="safetyPlan.transport" multiline minRows={2} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextInput source="safetyPlan.insurer" fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextInput source="safetyPlan.insurancePolicyNumber" fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextInput source="safetyPlan.epidemicMeasures" multiline minRows={2} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextInput source="safetyPlan.risksDisclosed" multiline minRows={2} fullWidth />
        </Grid>
      </Grid>
    </>
  )
}

export const ActivityInputs = () => (
  <Grid container columnSpacing={2} sx={{ width: "100%", maxWidth: 960 }}>
    <Grid size={12}>
      <TextInput source="title" validate={required()} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectInput source="category" choices={categoryChoices} validate={required()} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <FormatInput />
    </Grid>
    <Grid size={12}>
      <TextInput source="description" multiline minRows={3} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <RegionInput />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectInput source="channel" choices={choicesOf("channel")} validate={required()} defaultValue="offline" fullWidth />
    </Grid>
    <Grid size={12}>
      <VenueInput />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <DateTimeInput source="startsAt" parse={wallClock} validate={required()} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <DateTimeInput source="endsAt" parse={wallClock} validate={[required(), endAfterStart]} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <NumberInput source="volunteersNeeded" defaultValue={5} min={1} validate={[required(), minValue(1)]} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectArrayInput source="requiredExpertise" choices={expertiseChoices} defaultValue={[]} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="beneficiaryGroup" fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <NumberInput source="beneficiaryCount" defaultValue={0} min={0} validate={minValue(0)} fullWidth />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <OptionalReferenceInput source="organizerId" reference="organizations" />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <ReferenceArrayInput source="partnerIds" reference="organizations">
        <SelectArrayInput optionText="name" fullWidth />
      </ReferenceArrayInput>
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <OptionalReferenceInput source="brandProjectId" reference="brand-projects" />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <SelectInput source="riskLevel" choices={choicesOf("riskLevel")} defaultValue="low" fullWidth />
    </Grid>
    <Grid size={12}>
      <SafetyPlanInputs />
    </Grid>
  </Grid>
)
