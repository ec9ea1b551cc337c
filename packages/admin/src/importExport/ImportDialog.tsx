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
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography
} from "@mui/material"
import { useState } from "react"
import { useRefresh, useTranslate } from "react-admin"
import { base64ToBlob, download, type ImportExportClient, type ImportResult, saveBlob, upload } from "./client.js"

export interface ImportDialogProps {
  readonly client: ImportExportClient
  /** volunteers: the roster; attendance: the sign-in sheet. */
  readonly kind: "volunteers" | "attendance"
  readonly label?: string
}

const MAX_SHOWN = 200

/**
 * Import with its template, the upload's progress and the row-by-row report. All-or-nothing by
 * default; "import valid rows only" is a deliberate choice the clerk ticks.
 */
export const ImportDialog = ({ client, kind, label }: ImportDialogProps) => {
  const translate = useTranslate()
  const refresh = useRefresh()
  const t = (key: string, zh: string) => translate(`yinfa.importExport.${key}`, { _: zh })
  const [open, setOpen] = useState(false)
  const [file, setFile] = useState<File | null>(null)
  const [validOnly, setValidOnly] = useState(false)
  const [progress, setProgress] = useState<number | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const busy = progress !== null

  const reset = () => {
    setFile(null)
    setResult(null)
    setError(null)
    setProgress(null)
  }
  const start = async () => {
    if (!file) return
    setError(null)
    setResult(null)
    setProgress(0)
    try {
      const query = validOnly ? "?mode=valid-only" : ""
      const report = await upload(client, `/import/${kind}${query}`, file, setProgress)
      setResult(report)
      if (report.written > 0) refresh()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setProgress(null)
    }
  }
  const rolledBack = result !== null && result.mode === "all-or-nothing" && result.issues.length > 0

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label ?? t(`import.${kind}`, kind === "volunteers" ? "导入名册" : "导入签到表")}
      </Button>
      <Dialog open={open} onClose={() => (busy ? undefined : (setOpen(false), reset()))} maxWidth="md" fullWidth>
        <DialogTitle>{t(`import.${kind}`, kind === "volunteers" ? "导入志愿者名册" : "导入签到表")}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" gutterBottom>
            {t("step1", "第一步：下载导入模板，按“说明”表填写。")}{" "}
            <Button
              size="small"
              onClick={() =>
                download(
                  client,
                  `/import/templates/${kind}`,
                  kind === "volunteers" ? "志愿者名册导入模板.xlsx" : "签到表导入模板.xlsx"
                ).catch((e) => setError(String(e.message ?? e)))
              }
            >
              {t("template", "下载模板")}
            </Button>
          </Typography>
          <Typography variant="body2" gutterBottom>
            {t("step2", "第二步：选择填好的文件（.xlsx 或 .csv）。")}
          </Typography>
          <input
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-label={t("file", "选择文件")}
            disabled={busy}
            onChange={(e) => {
              reset()
              setFile(e.target.files?.[0] ?? null)
            }}
          />
          <Box mt={1}>
            <FormControlLabel
              control={<Checkbox checked={validOnly} disabled={busy} onChange={(e) => setValidOnly(e.target.checked)} />}
              label={t("validOnly", "仅导入正确的行（默认：有任何一行错误则全部不导入）")}
            />
          </Box>
          {busy && (
            <Box mt={2}>
              <Typography variant="body2">
                {progress < 1 ? t("uploading", "正在上传…") : t("checking", "正在校验并导入，请勿关闭…")}
              </Typography>
              <LinearProgress variant={progress < 1 ? "determinate" : "indeterminate"} value={progress * 100} />
            </Box>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {result && (
            <Box mt={2}>
              <Alert severity={result.issues.length === 0 ? "success" : rolledBack ? "error" : "warning"}>
                {result.summary ??
                  (rolledBack
                    ? `共 ${result.rows} 行，其中 ${result.rows - result.valid} 行有错误，全部未导入。`
                    : `共 ${result.rows} 行，已导入 ${result.written} 行。`)}
              </Alert>
              {result.issues.length > 0 && (
                <>
                  <Table size="small" aria-label={t("report", "错误报告")}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t("row", "行号")}</TableCell>
                        <TableCell>{t("column", "列")}</TableCell>
                        <TableCell>{t("problem", "问题")}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {result.issues.slice(0, MAX_SHOWN).map((i, n) => (
                        <TableRow key={`${i.row}-${i.column}-${n}`}>
                          <TableCell>{i.row}</TableCell>
                          <TableCell>{i.column}</TableCell>
                          <TableCell>{i.message}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                  {result.issues.length > MAX_SHOWN && <Typography variant="caption">{`…${result.issues.length - MAX_SHOWN}`}</Typography>}
                  {result.workbookBase64 && (
                    <Button
                      size="small"
                      onClick={() =>
                        saveBlob(
                          base64ToBlob(
                            result.workbookBase64 as string,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                          ),
                          "导入错误报告.xlsx"
                        )
                      }
                    >
                      {t("downloadReport", "下载错误报告")}
                    </Button>
                  )}
                </>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button disabled={busy} onClick={() => (setOpen(false), reset())}>
            {t("close", "关闭")}
          </Button>
          <Button variant="contained" disabled={!file || busy} onClick={start}>
            {t("start", "开始导入")}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  )
}
