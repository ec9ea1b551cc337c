import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography
} from "@mui/material"
import { useState } from "react"
import { useCanAccess, useGetList, useLocaleState, useRefresh, useTranslate } from "react-admin"
import { useFileErrorMessage } from "../common/notifyError.js"
import { useYinfaPermissions } from "../common/permissions.js"
import { regionName } from "../common/regions.js"
import { base64ToBlob, download, type ImportExportClient, type ImportProgress, type ImportResult, saveBlob, upload } from "./client.js"
import { useImportExportClient } from "./context.js"

export interface ImportDialogProps {
  /** Default: the client <YinfaAdmin> provides. */
  readonly client?: ImportExportClient
  /** volunteers: the roster; attendance: the sign-in sheet. */
  readonly kind: "volunteers" | "attendance"
  readonly label?: string
}

const MAX_SHOWN = 200

/**
 * Import with its template, the upload's progress and the row-by-row report. All-or-nothing by
 * default; "import valid rows only" is a deliberate choice the clerk ticks.
 */
export const ImportDialog = ({ client: given, kind, label }: ImportDialogProps) => {
  const translate = useTranslate()
  const messageOf = useFileErrorMessage()
  const refresh = useRefresh()
  const contextClient = useImportExportClient()
  const client = given ?? contextClient
  // The roster writes volunteers, the sign-in sheet participations: the role rule is that resource's.
  const { canAccess } = useCanAccess({ resource: kind === "volunteers" ? "volunteers" : "participations", action: "import" })
  const t = (key: string, args?: object) => translate(`yinfa.importExport.${key}`, args)
  const [locale] = useLocaleState()
  // Only the roster import takes a region (`?region=`), and only a city admin chooses one: a
  // region admin's rows go into their own region without asking.
  const { isCityAdmin } = useYinfaPermissions()
  const pickRegion = kind === "volunteers" && isCityAdmin
  const [open, setOpen] = useState(false)
  const { data: regions } = useGetList(
    "regions",
    { pagination: { page: 1, perPage: 100 }, sort: { field: "sortOrder", order: "ASC" } },
    { enabled: pickRegion && open }
  )
  /** Empty: each row's region comes from the file's 所属辖区 column. */
  const [region, setRegion] = useState("")
  const [file, setFile] = useState<File | null>(null)
  const [validOnly, setValidOnly] = useState(false)
  const [progress, setProgress] = useState<number | null>(null)
  const [rows, setRows] = useState<ImportProgress | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const busy = progress !== null

  const reset = () => {
    setFile(null)
    setResult(null)
    setError(null)
    setProgress(null)
    setRows(null)
  }
  if (!client || !canAccess) return null
  // Closing forgets the file and the report: the next import starts clean.
  const close = () => {
    setOpen(false)
    setRegion("")
    reset()
  }
  const start = async () => {
    if (!file) return
    setError(null)
    setResult(null)
    setProgress(0)
    try {
      const params = new URLSearchParams()
      if (validOnly) params.set("mode", "valid-only")
      if (pickRegion && region) params.set("region", region)
      const query = params.toString() ? `?${params}` : ""
      const report = await upload(client, `/import/${kind}${query}`, file, setProgress, setRows)
      setResult(report)
      if (report.written > 0) refresh()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setProgress(null)
      setRows(null)
    }
  }
  const rolledBack = result !== null && result.mode === "all-or-nothing" && result.issues.length > 0

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label ?? t(kind === "volunteers" ? "importVolunteers" : "importAttendance")}
      </Button>
      <Dialog open={open} onClose={() => !busy && close()} maxWidth="md" fullWidth>
        <DialogTitle>{t(kind === "volunteers" ? "titleVolunteers" : "titleAttendance")}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" gutterBottom>
            {t("step1")}{" "}
            <Button
              size="small"
              onClick={() =>
                download(
                  client,
                  `/import/templates/${kind}`,
                  t(kind === "volunteers" ? "templateFileVolunteers" : "templateFileAttendance")
                ).catch((e) => setError(messageOf(e)))
              }
            >
              {t("template")}
            </Button>
          </Typography>
          <Typography variant="body2" gutterBottom>
            {t("step2")}
          </Typography>
          <input
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-label={t("file")}
            disabled={busy}
            onChange={(e) => {
              reset()
              setFile(e.target.files?.[0] ?? null)
            }}
          />
          {pickRegion && (
            <Box mt={2}>
              <TextField
                select
                fullWidth
                size="small"
                label={t("region")}
                helperText={t("regionHelp")}
                value={region}
                disabled={busy}
                onChange={(e) => {
                  setRegion(e.target.value)
                  setResult(null)
                  setError(null)
                }}
                slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
              >
                <MenuItem value="">{t("regionFromFile")}</MenuItem>
                {(regions ?? []).map((r) => (
                  <MenuItem key={r.id} value={String(r.id)}>
                    {regionName(r, locale)}
                  </MenuItem>
                ))}
              </TextField>
            </Box>
          )}
          <Box mt={1}>
            <FormControlLabel
              control={<Checkbox checked={validOnly} disabled={busy} onChange={(e) => setValidOnly(e.target.checked)} />}
              label={t("validOnly")}
            />
          </Box>
          {busy && (
            <Box mt={2}>
              <Typography variant="body2">{progress < 1 ? t("uploading") : t("checking")}</Typography>
              <LinearProgress variant={progress < 1 ? "determinate" : "indeterminate"} value={progress * 100} />
              {progress >= 1 && rows !== null && (
                <Typography variant="body2" color="text.secondary" mt={1} role="status">
                  {t("rowsProgress", { parsed: rows.parsed, written: rows.written, failed: rows.failed })}
                </Typography>
              )}
            </Box>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {result && (
            <Box mt={2}>
              <Alert
                severity={result.issues.length === 0 ? "success" : rolledBack ? "error" : "warning"}
                // Beside the summary, not under a long table: the report is what the clerk takes away to fix the file.
                action={
                  result.issues.length > 0 && result.workbookBase64 ? (
                    <Button
                      color="inherit"
                      size="small"
                      sx={{ whiteSpace: "nowrap" }}
                      onClick={() =>
                        saveBlob(
                          base64ToBlob(
                            result.workbookBase64 as string,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                          ),
                          t("reportFile")
                        )
                      }
                    >
                      {t("downloadReport")}
                    </Button>
                  ) : undefined
                }
              >
                {result.summary ??
                  (rolledBack
                    ? t("summaryRolledBack", { rows: result.rows, invalid: result.rows - result.valid })
                    : t("summaryWritten", { rows: result.rows, written: result.written }))}
              </Alert>
              {result.issues.length > 0 && (
                <>
                  <Table size="small" aria-label={t("report")}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t("row")}</TableCell>
                        <TableCell>{t("column")}</TableCell>
                        <TableCell>{t("problem")}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {result.issues.slice(0, MAX_SHOWN).map((i) => (
                        // One row may have several problems in one column: the message tells them apart.
                        <TableRow key={`${i.row}-${i.column}-${i.message}`}>
                          <TableCell>{i.row}</TableCell>
                          <TableCell sx={{ whiteSpace: "nowrap" }}>{i.column}</TableCell>
                          <TableCell>{i.message}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                  {result.issues.length > MAX_SHOWN && (
                    <Typography variant="caption">{t("more", { count: result.issues.length - MAX_SHOWN })}</Typography>
                  )}
                </>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button disabled={busy} onClick={close}>
            {t("close")}
          </Button>
          <Button variant="contained" disabled={!file || busy} onClick={start}>
            {t("start")}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  )
}
