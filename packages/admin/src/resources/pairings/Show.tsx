import AddIcon from "@mui/icons-material/Add"
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from "@mui/material"
import { useState } from "react"
import {
  DataTable,
  DateInput,
  EditButton,
  Form,
  Labeled,
  ReferenceField,
  required,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useCanAccess,
  useCreate,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate
} from "react-admin"
import { useCityClock } from "../../common/cityClock.js"
import { AuditTrail } from "../../common/AuditTrail.js"
import { choicesOf } from "../../common/choices.js"
import { DateOnlyField, HoursField, LabelField } from "../../common/fields.js"
import { HoursInput } from "../../common/inputs.js"
import { RegionField } from "../../common/regions.js"
import { RelatedRecords } from "../../common/RelatedRecords.js"
import { WorkflowButton } from "../../common/WorkflowButton.js"

const closeInputs = (
  <>
    <SelectInput source="reason" label="yinfa.dialog.reason" choices={choicesOf("pairingEndReason")} validate={required()} fullWidth />
    <TextInput source="note" label="yinfa.dialog.note" multiline minRows={2} fullWidth />
  </>
)

/** proposed → activate | decline · active → conclude | end early (a reason from the fixed list and a note). */
const PairingWorkflowButtons = () => (
  <>
    <WorkflowButton
      resource="pairings"
      action="activate"
      label="yinfa.action.activate"
      variant="contained"
      when={(r) => r.status === "proposed"}
    />
    <WorkflowButton
      resource="pairings"
      action="decline"
      label="yinfa.action.decline"
      color="error"
      when={(r) => r.status === "proposed"}
      dialog={{ title: "yinfa.dialog.declineTitle", inputs: closeInputs }}
    />
    <WorkflowButton resource="pairings" action="conclude" label="yinfa.action.conclude" when={(r) => r.status === "active"} />
    <WorkflowButton
      resource="pairings"
      action="end"
      label="yinfa.action.end"
      color="error"
      when={(r) => r.status === "active"}
      dialog={{ title: "yinfa.dialog.endTitle", inputs: closeInputs }}
    />
  </>
)

/** A meeting of the pair; its hours count as the mentor's service hours. */
const AddCheckInButton = () => {
  const clock = useCityClock()
  const record = useRecordContext()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const [create, { isPending }] = useCreate()
  const { canAccess } = useCanAccess({ resource: "pairing-check-ins", action: "create" })
  const [open, setOpen] = useState(false)
  if (!canAccess || !record || record.status !== "active") return null
  const save = (values: any) =>
    create(
      "pairing-check-ins",
      { data: { ...values, pairingId: record.id } },
      {
        onSuccess: () => {
          notify("yinfa.notify.checkInAdded", { type: "success" })
          setOpen(false)
          refresh()
        },
        onError: (e: any) => notify(e?.message ?? "ra.notification.http_error", { type: "error" })
      }
    )
  return (
    <>
      <Button startIcon={<AddIcon />} variant="outlined" onClick={() => setOpen(true)}>
        {translate("yinfa.action.addCheckIn")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <Form onSubmit={save} record={{ date: clock.today(), mode: "in-person", hours: 1 }} resource="pairing-check-ins">
          <DialogTitle>{translate("yinfa.dialog.checkInTitle")}</DialogTitle>
          <DialogContent>
            <DateInput source="date" validate={required()} fullWidth />
            <HoursInput />
            <SelectInput source="mode" choices={choicesOf("checkInMode")} validate={required()} fullWidth />
            <TextInput source="notes" multiline minRows={2} fullWidth />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate("ra.action.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={isPending}>
              {translate("ra.action.save")}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  )
}

const Actions = () => (
  <TopToolbar>
    <PairingWorkflowButtons />
    <EditButton />
  </TopToolbar>
)

export const PairingShow = () => {
  const translate = useTranslate()
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <ReferenceField source="mentorId" reference="volunteers" />
        <LabelField source="category" prefix="yinfa.category" />
        <Labeled source="regionCode">
          <RegionField />
        </Labeled>
        <LabelField source="menteeType" prefix="yinfa.enum.menteeType" />
        <TextField source="menteeName" />
        <TextField source="menteeUnit" />
        <TextField source="guardianContact" emptyText="—" />
        <ReferenceField source="beneficiaryOrganizationId" reference="organizations" emptyText="—" />
        <TextField source="goals" />
        <LabelField source="status" prefix="yinfa.enum.pairingStatus" />
        <DateOnlyField source="startedOn" />
        <DateOnlyField source="endedOn" />
        <LabelField source="endReason" prefix="yinfa.enum.pairingEndReason" />
        <TextField source="endNote" />
        <Labeled label={translate("yinfa.pairing.checkIns")} fullWidth>
          <Stack gap={1} alignItems="flex-start">
            <AddCheckInButton />
            <RelatedRecords reference="pairing-check-ins" target="pairingId" sort={{ field: "date", order: "DESC" }} rowClick={false}>
              <DataTable.Col source="date">
                <DateOnlyField source="date" />
              </DataTable.Col>
              <DataTable.Col source="hours">
                <HoursField source="hours" />
              </DataTable.Col>
              <DataTable.Col source="mode">
                <LabelField source="mode" prefix="yinfa.enum.checkInMode" />
              </DataTable.Col>
              <DataTable.Col source="notes" />
            </RelatedRecords>
          </Stack>
        </Labeled>
        <Labeled label="yinfa.volunteer.tabs.audit" fullWidth>
          <AuditTrail resource="pairings" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  )
}
