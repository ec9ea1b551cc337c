import CancelIcon from "@mui/icons-material/Cancel"
import DoneAllIcon from "@mui/icons-material/DoneAll"
import PublishIcon from "@mui/icons-material/Publish"
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  TextField as MuiTextField,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography
} from "@mui/material"
import type { Candidate } from "@yinfa/core"
import { useState } from "react"
import {
  DataTable,
  EditButton,
  Labeled,
  ReferenceArrayField,
  ReferenceField,
  required,
  Show,
  TabbedShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate
} from "react-admin"
import { AuditTrail } from "../../common/AuditTrail.js"
import { useCityClock } from "../../common/cityClock.js"
import { HoursField, InstantField, LabelField, LabelsField, LocalDateTimeField, LocaleNumberField } from "../../common/fields.js"
import { formatNumber } from "../../common/format.js"
import { HoursInput } from "../../common/inputs.js"
import { RegionField } from "../../common/regions.js"
import { RelatedRecords } from "../../common/RelatedRecords.js"
import { useAsync } from "../../common/useAsync.js"
import { WorkflowButton } from "../../common/WorkflowButton.js"
import type { YinfaDataProvider } from "../../providers/dataProvider.js"

/**
 * publish (draft) · complete (published, once started by the city's clock) · cancel with a
 * reason (draft or published).
 */
const ActivityWorkflowButtons = () => {
  const clock = useCityClock()
  return (
    <>
      <WorkflowButton
        resource="activities"
        action="publish"
        label="yinfa.action.publish"
        icon={<PublishIcon />}
        variant="contained"
        when={(r) => r.status === "draft"}
      />
      <WorkflowButton
        resource="activities"
        action="complete"
        label="yinfa.action.complete"
        icon={<DoneAllIcon />}
        when={(r) => r.status === "published"}
        unavailable={(r) =>
          r.startsAt > clock.now()
            ? { message: "yinfa.activity.completeBeforeStart", params: { startsAt: r.startsAt.replace("T", " ") } }
            : null
        }
      />
      <WorkflowButton
        resource="activities"
        action="cancel"
        label="yinfa.action.cancel"
        icon={<CancelIcon />}
        color="error"
        when={(r) => r.status === "draft" || r.status === "published"}
        dialog={{
          title: "yinfa.dialog.cancelTitle",
          inputs: <TextInput source="reason" label="yinfa.dialog.reason" validate={required()} multiline minRows={2} fullWidth />
        }}
      />
    </>
  )
}

const ShowActions = () => {
  const record = useRecordContext()
  return (
    <TopToolbar>
      <ActivityWorkflowButtons />
      {record && record.status !== "completed" && record.status !== "cancelled" && <EditButton />}
    </TopToolbar>
  )
}

/** Per participant: confirm, record attendance with hours, mark absent, withdraw, correct hours. */
export const ParticipationActions = () => (
  <Stack direction="row" gap={1} flexWrap="wrap">
    <WorkflowButton resource="participations" action="confirm" label="yinfa.action.confirm" when={(r) => r.status === "signed-up"} />
    <WorkflowButton
      resource="participations"
      action="attend"
      label="yinfa.action.attend"
      variant="contained"
      when={(r) => r.status === "confirmed"}
      dialog={{
        title: "yinfa.dialog.attendTitle",
        inputs: (
          <>
            <HoursInput label="yinfa.dialog.hours" />
            <TextInput source="feedback" label="yinfa.dialog.feedback" multiline minRows={2} fullWidth />
          </>
        )
      }}
    />
    <WorkflowButton resource="participations" action="absent" label="yinfa.action.absent" when={(r) => r.status === "confirmed"} />
    <WorkflowButton
      resource="participations"
      action="withdraw"
      label="yinfa.action.withdraw"
      color="error"
      when={(r) => ["signed-up", "waitlisted", "confirmed"].includes(r.status)}
    />
    <WorkflowButton
      resource="participations"
      action="correct-hours"
      label="yinfa.action.correctHours"
      when={(r) => r.status === "attended"}
      dialog={{
        title: "yinfa.dialog.correctTitle",
        inputs: (
          <>
            <HoursInput label="yinfa.dialog.hours" />
            <TextInput source="reason" label="yinfa.dialog.reason" validate={required()} multiline minRows={2} fullWidth />
          </>
        )
      }}
    />
  </Stack>
)

/** Signs a candidate up, asking for the volunteer's own agreement when they are past their limits. */
const SignUpButton = ({ activityId, candidate, onDone }: { activityId: string; candidate: Candidate; onDone: () => void }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState("")
  const signUp = (overrideReason: string | null) =>
    dataProvider
      .create("participations", { data: { activityId, volunteerId: candidate.volunteer.id, overrideReason } })
      .then(() => {
        notify("yinfa.notify.signedUp", { type: "success" })
        setAsking(false)
        refresh()
        onDone()
      })
      .catch((e) => notify(e?.message ?? "ra.notification.http_error", { type: "error" }))
  return (
    <>
      <Button variant={candidate.eligible ? "contained" : "outlined"} onClick={() => (candidate.eligible ? signUp(null) : setAsking(true))}>
        {translate("yinfa.action.signUp")}
      </Button>
      <Dialog open={asking} onClose={() => setAsking(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate("yinfa.action.signUp")}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate("yinfa.activity.ineligible")}
          </Alert>
          <MuiTextField
            label={translate("yinfa.dialog.overrideReason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)}>{translate("ra.action.cancel")}</Button>
          <Button variant="contained" disabled={!reason.trim()} onClick={() => signUp(reason.trim())}>
            {translate("yinfa.action.signUp")}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  )
}

/**
 * 推荐志愿者: the server's matching, each score explained factor by factor (因人制宜). Candidates
 * past their own limits rank last and can be signed up only with their recorded agreement.
 */
const CandidatesPanel = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const { canAccess: canSignUp } = useCanAccess({ resource: "participations", action: "create" })
  const clock = useCityClock()
  const open = record?.status === "draft" || record?.status === "published"
  const { data, error, isPending, reload } = useAsync(
    () => dataProvider.candidates(record!.id, 20).then((r) => r.data),
    [record?.id],
    !!record && open
  )
  if (!open) return null
  if (isPending) return <LinearProgress />
  if (error) return <Alert severity="error">{error.message}</Alert>
  if (!data?.length) return <Typography>{translate("yinfa.activity.noCandidates")}</Typography>
  // After the start there is nobody left to recruit: a sign-up now records someone who came unannounced.
  const started = typeof record?.startsAt === "string" && record.startsAt <= clock.now()
  return (
    <>
      {started && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate("yinfa.activity.candidatesAfterStart")}
        </Alert>
      )}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate("resources.participations.fields.volunteerId")}</TableCell>
            <TableCell>{translate("yinfa.activity.score")}</TableCell>
            <TableCell>{translate("yinfa.activity.remainingHours")}</TableCell>
            <TableCell />
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((c) => (
            <TableRow key={c.volunteer.id} sx={{ verticalAlign: "top" }}>
              <TableCell>
                <Typography fontWeight="bold">{c.volunteer.name}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {c.volunteer.volunteerNumber}
                </Typography>
                <Chip
                  size="small"
                  sx={{ mt: 0.5 }}
                  color={c.eligible ? "success" : "warning"}
                  label={translate(c.eligible ? "yinfa.activity.eligible" : "yinfa.activity.ineligible")}
                />
              </TableCell>
              <TableCell>
                <Typography variant="h6">{formatNumber(locale, c.score, 0)}</Typography>
              </TableCell>
              <TableCell>{translate("yinfa.common.hours", { hours: formatNumber(locale, c.remainingHours) })}</TableCell>
              <TableCell>
                {c.factors.map((f) => (
                  <Typography key={f.factor} variant="body2">
                    <b>{translate(`yinfa.enum.matchFactor.${f.factor}`)}</b>（{formatNumber(locale, f.score * 100, 0)}%）：
                    {translate(`yinfa.core.${f.key}`, { ...f.params, _: f.explanation })}
                  </Typography>
                ))}
              </TableCell>
              <TableCell>{canSignUp && <SignUpButton activityId={String(record!.id)} candidate={c} onDone={reload} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  )
}

export const ActivityShow = () => (
  <Show actions={<ShowActions />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="yinfa.activity.tabs.summary">
        <TextField source="title" />
        <LabelField source="status" prefix="yinfa.enum.activityStatus" />
        <TextField source="cancelReason" />
        <LabelField source="category" prefix="yinfa.category" />
        <LabelField source="format" prefix="yinfa.format" />
        <TextField source="description" />
        <Labeled source="regionCode">
          <RegionField />
        </Labeled>
        <LabelField source="channel" prefix="yinfa.enum.channel" />
        <TextField source="venue" />
        <LocalDateTimeField source="startsAt" />
        <LocalDateTimeField source="endsAt" />
        <LocaleNumberField source="volunteersNeeded" />
        <LabelsField source="requiredExpertise" prefix="yinfa.expertise" />
        <TextField source="beneficiaryGroup" />
        <LocaleNumberField source="beneficiaryCount" />
        <ReferenceField source="organizerId" reference="organizations" emptyText="—" />
        <ReferenceArrayField source="partnerIds" reference="organizations" />
        <ReferenceField source="brandProjectId" reference="brand-projects" emptyText="—" />
        <InstantField source="publishedAt" />
        <InstantField source="completedAt" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.activity.tabs.safety" path="safety">
        <LabelField source="riskLevel" prefix="yinfa.enum.riskLevel" />
        <TextField source="safetyPlan.medicalAid" emptyText="—" />
        <TextField source="safetyPlan.transport" emptyText="—" />
        <TextField source="safetyPlan.insurer" emptyText="—" />
        <TextField source="safetyPlan.insurancePolicyNumber" emptyText="—" />
        <TextField source="safetyPlan.epidemicMeasures" emptyText="—" />
        <TextField source="safetyPlan.risksDisclosed" emptyText="—" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.activity.tabs.participants" path="participants">
        <RelatedRecords
          reference="participations"
          target="activityId"
          label={false}
          sort={{ field: "signedUpAt", order: "ASC" }}
          rowClick={false}
        >
          <DataTable.Col source="volunteerId">
            <ReferenceField source="volunteerId" reference="volunteers" />
          </DataTable.Col>
          <DataTable.Col source="status">
            <LabelField source="status" prefix="yinfa.enum.participationStatus" />
          </DataTable.Col>
          <DataTable.Col source="role" />
          <DataTable.Col source="hours">
            <HoursField source="hours" />
          </DataTable.Col>
          <DataTable.Col label="">
            <ParticipationActions />
          </DataTable.Col>
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.activity.tabs.candidates" path="candidates">
        <Box sx={{ width: "100%" }}>
          <CandidatesPanel />
        </Box>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.volunteer.tabs.audit" path="audit">
        <AuditTrail resource="activities" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
)
