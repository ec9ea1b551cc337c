import { Typography } from "@mui/material"
import {
  BooleanField,
  BooleanInput,
  EditButton,
  Labeled,
  ReferenceArrayField,
  required,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useRecordContext
} from "react-admin"
import { AuditTrail } from "../../common/AuditTrail.js"
import { InstantField, LabelField } from "../../common/fields.js"
import { RegionField } from "../../common/regions.js"
import { WorkflowButton } from "../../common/WorkflowButton.js"

/**
 * draft/returned → submit (admins of the region) · submitted → accept | return with notes (city
 * bureau) · accepted → publish, optionally featured (city bureau). `canAccess` hides what a role may
 * not do; the state decides what is offered.
 */
const ReportWorkflowButtons = () => (
  <>
    <WorkflowButton
      resource="experience-reports"
      action="submit"
      label="yinfa.action.submit"
      variant="contained"
      when={(r) => r.status === "draft" || r.status === "returned"}
    />
    <WorkflowButton
      resource="experience-reports"
      action="accept"
      label="yinfa.action.accept"
      variant="contained"
      when={(r) => r.status === "submitted"}
    />
    <WorkflowButton
      resource="experience-reports"
      action="return"
      label="yinfa.action.return"
      color="warning"
      when={(r) => r.status === "submitted"}
      dialog={{
        title: "yinfa.dialog.returnTitle",
        inputs: <TextInput source="notes" label="yinfa.dialog.notes" validate={required()} multiline minRows={3} fullWidth />
      }}
    />
    <WorkflowButton
      resource="experience-reports"
      action="publish"
      label="yinfa.action.publishReport"
      when={(r) => r.status === "accepted"}
      dialog={{
        title: "yinfa.dialog.publishTitle",
        inputs: <BooleanInput source="featured" label="yinfa.dialog.featured" />,
        defaultValues: { featured: false }
      }}
    />
  </>
)

/** Reports are edited while drafts or after being returned; once submitted they belong to the review. */
const Actions = () => {
  const record = useRecordContext()
  return (
    <TopToolbar>
      <ReportWorkflowButtons />
      {record && (record.status === "draft" || record.status === "returned") && <EditButton />}
    </TopToolbar>
  )
}

const Body = () => {
  const record = useRecordContext()
  return <Typography sx={{ whiteSpace: "pre-wrap", maxWidth: 800 }}>{record?.body}</Typography>
}

export const ExperienceReportShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="title" />
      <LabelField source="status" prefix="yinfa.enum.reportStatus" />
      <TextField source="reviewerNotes" emptyText="—" />
      <LabelField source="category" prefix="yinfa.category" />
      <Labeled source="regionCode">
        <RegionField />
      </Labeled>
      <Labeled source="body">
        <Body />
      </Labeled>
      <ReferenceArrayField source="activityIds" reference="activities" />
      <BooleanField source="featured" />
      <InstantField source="submittedAt" />
      <InstantField source="reviewedAt" />
      <InstantField source="publishedAt" />
      <Labeled label="yinfa.volunteer.tabs.audit" fullWidth>
        <AuditTrail resource="experience-reports" />
      </Labeled>
    </SimpleShowLayout>
  </Show>
)
