import ArchiveIcon from "@mui/icons-material/Archive"
import PauseIcon from "@mui/icons-material/PauseCircleOutline"
import ReplayIcon from "@mui/icons-material/Replay"
import VisibilityIcon from "@mui/icons-material/Visibility"
import { Alert, Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from "@mui/material"
import { useState } from "react"
import {
  BooleanField,
  DataTable,
  EditButton,
  Labeled,
  ReferenceField,
  required,
  SelectField,
  SelectInput,
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
  useTranslate
} from "react-admin"
import { IssueCertificateButton } from "../../certificates/IssueCertificateButton.js"
import { AuditTrail } from "../../common/AuditTrail.js"
import { choicesOf } from "../../common/choices.js"
import { DateOnlyField, HoursField, InstantField, LabelField, LabelsField, stars } from "../../common/fields.js"
import { formatNumber } from "../../common/format.js"
import { RegionField } from "../../common/regions.js"
import { RelatedRecords } from "../../common/RelatedRecords.js"
import { useAsync } from "../../common/useAsync.js"
import { WorkflowButton } from "../../common/WorkflowButton.js"
import type { YinfaDataProvider } from "../../providers/dataProvider.js"

/**
 * 查看完整信息: the ID number and phone in clear, fetched on demand from /sensitive (the server
 * writes the read to the audit log). Offered to admins only.
 */
const RevealButton = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const notify = useNotify()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const { canAccess } = useCanAccess({ resource: "volunteers", action: "reveal" })
  const [details, setDetails] = useState<{ idNumber?: string | null; phone?: string | null } | null>(null)
  if (!canAccess || !record) return null
  const reveal = () =>
    dataProvider.sensitive(record.id).then(
      ({ data }) => setDetails(data as { idNumber?: string | null; phone?: string | null }),
      (e) => notify(e?.message ?? "ra.notification.http_error", { type: "error" })
    )
  return (
    <>
      <Button startIcon={<VisibilityIcon />} onClick={reveal}>
        {translate("yinfa.action.reveal")}
      </Button>
      <Dialog open={details !== null} onClose={() => setDetails(null)}>
        <DialogTitle>{translate("yinfa.dialog.sensitiveTitle")}</DialogTitle>
        <DialogContent>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate("yinfa.dialog.sensitiveWarning")}
          </Alert>
          <Typography>
            {translate("resources.volunteers.fields.idNumber")}：{details?.idNumber ?? "—"}
          </Typography>
          <Typography>
            {translate("resources.volunteers.fields.phone")}：{details?.phone ?? "—"}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDetails(null)}>{translate("ra.action.close")}</Button>
        </DialogActions>
      </Dialog>
    </>
  )
}

const Figure = ({ label, value }: { label: string; value: string }) => (
  <Card variant="outlined" sx={{ minWidth: 180 }}>
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5">{value}</Typography>
    </CardContent>
  </Card>
)

/** Total verified hours, the star level they earn and the hours by category. */
const ServiceRecordPanel = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const { data, error } = useAsync(() => dataProvider.serviceRecord(record!.id).then((r) => r.data), [record?.id], !!record)
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>
  if (!data) return null
  const hours = (h: number) => translate("yinfa.common.hours", { hours: formatNumber(locale, h) })
  return (
    <Box>
      <Stack direction="row" gap={2} flexWrap="wrap" sx={{ mb: 2 }}>
        <Figure label={translate("yinfa.volunteer.totalHours")} value={hours(data.totalHours)} />
        <Figure
          label={translate("yinfa.volunteer.starLevel")}
          value={data.starLevel > 0 ? stars(data.starLevel) : translate("yinfa.volunteer.noStar")}
        />
        {data.hoursToNextStar !== null && (
          <Figure label={translate("yinfa.volunteer.hoursToNextStar")} value={hours(data.hoursToNextStar)} />
        )}
        <Figure label={translate("yinfa.volunteer.activitiesAttended")} value={formatNumber(locale, data.activitiesAttended)} />
        <Figure label={translate("yinfa.volunteer.checkInHours")} value={hours(data.checkInHours)} />
      </Stack>
      <Typography variant="h6">{translate("yinfa.volunteer.byCategory")}</Typography>
      {data.byCategory.map((c) => (
        <Typography key={c.category}>
          {translate(`yinfa.category.${c.category}`)}：{hours(c.hours)}
        </Typography>
      ))}
    </Box>
  )
}

/**
 * 暂停 (active) · 归档 with one of the fixed reasons (active or paused) · 恢复 (paused or archived),
 * the server's state machine; admins only (the workflow button asks canAccess).
 */
const VolunteerStatusButtons = () => (
  <>
    <WorkflowButton
      resource="volunteers"
      action="pause"
      label="yinfa.action.pause"
      icon={<PauseIcon />}
      when={(r) => r.status === "active"}
    />
    <WorkflowButton
      resource="volunteers"
      action="archive"
      label="yinfa.action.archive"
      icon={<ArchiveIcon />}
      color="warning"
      when={(r) => r.status === "active" || r.status === "paused"}
      dialog={{
        title: "yinfa.dialog.archiveTitle",
        inputs: (
          <>
            <ArchiveHelp />
            <SelectInput
              source="reason"
              label="resources.volunteers.fields.archiveReason"
              choices={choicesOf("archiveReason")}
              validate={required()}
              fullWidth
            />
            <TextInput source="note" label="resources.volunteers.fields.archiveNote" multiline minRows={2} fullWidth />
          </>
        ),
        defaultValues: { note: "" }
      }}
    />
    <WorkflowButton
      resource="volunteers"
      action="reactivate"
      label="yinfa.action.reactivate"
      icon={<ReplayIcon />}
      when={(r) => r.status === "paused" || r.status === "archived"}
    />
  </>
)

const ArchiveHelp = () => {
  const translate = useTranslate()
  return (
    <Typography variant="body2" sx={{ mb: 2 }}>
      {translate("yinfa.dialog.archiveHelp")}
    </Typography>
  )
}

const ShowActions = () => {
  const record = useRecordContext()
  return (
    <TopToolbar>
      <VolunteerStatusButtons />
      <IssueCertificateButton />
      <RevealButton />
      {/* The server refuses changes to an archived volunteer: reactivate first. */}
      {record?.status !== "archived" && <EditButton />}
    </TopToolbar>
  )
}

export const VolunteerShow = () => (
  <Show actions={<ShowActions />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="yinfa.volunteer.tabs.profile">
        <TextField source="volunteerNumber" />
        <TextField source="name" />
        <SelectField source="gender" choices={choicesOf("gender")} />
        <DateOnlyField source="birthDate" />
        <Labeled source="regionCode">
          <RegionField />
        </Labeled>
        <TextField source="idNumber" emptyText="—" />
        <TextField source="phone" emptyText="—" />
        <TextField source="formerUnit" />
        <TextField source="formerPosition" />
        <LabelField source="retirementType" prefix="yinfa.enum.retirementType" />
        <BooleanField source="partyMember" />
        <ReferenceField source="partyBranchId" reference="organizations" emptyText="—" />
        <LabelsField source="interests" prefix="yinfa.category" />
        <LabelsField source="expertise" prefix="yinfa.expertise" />
        <BooleanField source="talentPool" />
        <HoursField source="monthlyHours" />
        <LabelsField source="channels" prefix="yinfa.enum.acceptedChannel" />
        <LabelField source="fitness" prefix="yinfa.enum.fitness" />
        <InstantField source="consentAt" />
        <InstantField source="healthDataConsentAt" />
        <DateOnlyField source="joinedAt" />
        <SelectField source="status" choices={choicesOf("volunteerStatus")} />
        <LabelField source="archiveReason" prefix="yinfa.enum.archiveReason" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.volunteer.tabs.service" path="service">
        <ServiceRecordPanel />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.volunteer.tabs.pairings" path="pairings">
        <RelatedRecords reference="pairings" target="mentorId" label={false}>
          <DataTable.Col source="category">
            <LabelField source="category" prefix="yinfa.category" />
          </DataTable.Col>
          <DataTable.Col source="menteeName" />
          <DataTable.Col source="status">
            <LabelField source="status" prefix="yinfa.enum.pairingStatus" />
          </DataTable.Col>
          <DataTable.Col source="startedOn">
            <DateOnlyField source="startedOn" />
          </DataTable.Col>
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.volunteer.tabs.participations" path="participations">
        <RelatedRecords reference="participations" target="volunteerId" label={false}>
          <DataTable.Col source="activityId">
            <ReferenceField source="activityId" reference="activities" link={false} />
          </DataTable.Col>
          <DataTable.Col source="status">
            <LabelField source="status" prefix="yinfa.enum.participationStatus" />
          </DataTable.Col>
          <DataTable.Col source="hours">
            <HoursField source="hours" />
          </DataTable.Col>
          <DataTable.Col source="signedUpAt">
            <InstantField source="signedUpAt" />
          </DataTable.Col>
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="yinfa.volunteer.tabs.audit" path="audit">
        <AuditTrail resource="volunteers" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
)
