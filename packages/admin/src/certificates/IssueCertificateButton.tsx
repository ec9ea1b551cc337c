import CardMembershipIcon from "@mui/icons-material/CardMembership"
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from "@mui/material"
import { useState } from "react"
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin"
import type { YinfaDataProvider } from "../providers/dataProvider.js"
import { useDocumentViewer } from "./DocumentDialog.js"
import { certificateDocumentPath } from "./PrintCertificateButton.js"

/**
 * 开具服务证明 on a volunteer's page: issues a numbered certificate for an optional period, then
 * shows the printable document. Admins only (viewers may not issue, the server says the same);
 * a refusal — no verified hours in the period — is shown as the server words it.
 */
export const IssueCertificateButton = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const { canAccess } = useCanAccess({ resource: "certificates", action: "issue" })
  const viewer = useDocumentViewer()
  const [open, setOpen] = useState(false)
  const [period, setPeriod] = useState({ periodFrom: "", periodTo: "" })
  const [busy, setBusy] = useState(false)
  if (!canAccess || !record || !viewer.available) return null

  const issue = async () => {
    setBusy(true)
    try {
      const body = Object.fromEntries(Object.entries(period).filter(([, v]) => v !== ""))
      const { data } = await dataProvider.issueCertificate(record.id, body)
      setOpen(false)
      notify("yinfa.certificate.issued", { type: "success", messageArgs: { number: data.certificateNumber } })
      refresh()
      await viewer.open(certificateDocumentPath(data.id), translate("yinfa.certificate.documentTitle"))
    } catch (error: any) {
      const message = error?.body?.message ?? error?.message ?? "ra.notification.http_error"
      notify(message, { type: "error", messageArgs: { _: message } })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button startIcon={<CardMembershipIcon />} disabled={busy || viewer.busy} onClick={() => setOpen(true)}>
        {translate("yinfa.certificate.issue")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate("yinfa.certificate.issueTitle")}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate("yinfa.certificate.issueHelp")}
          </Typography>
          <Stack gap={2}>
            {(["periodFrom", "periodTo"] as const).map((key) => (
              <TextField
                key={key}
                type="date"
                label={translate(`resources.certificates.fields.${key}`)}
                value={period[key]}
                onChange={(e) => setPeriod({ ...period, [key]: e.target.value })}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            ))}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate("ra.action.cancel")}</Button>
          <Button variant="contained" disabled={busy} onClick={issue}>
            {translate("yinfa.certificate.issue")}
          </Button>
        </DialogActions>
      </Dialog>
      {viewer.element}
    </>
  )
}
