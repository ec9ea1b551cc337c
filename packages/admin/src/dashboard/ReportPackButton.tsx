import DownloadIcon from "@mui/icons-material/Download"
import { Button, Menu, MenuItem } from "@mui/material"
import { useState } from "react"
import { useTranslate } from "react-admin"
import { useDocumentViewer } from "../certificates/DocumentDialog.js"
import { download } from "../importExport/client.js"
import { useImportExportClient } from "../importExport/context.js"
import { useNotifyError } from "../common/notifyError.js"

export interface ReportPackParams {
  readonly from: string
  readonly to: string
  /** Only a city admin's choice counts; the server makes a region admin's pack their region's. */
  readonly regionCode?: string | null
}

/** GET /report-pack?from&to[&regionCode]&format=… */
const reportPackPath = ({ from, to, regionCode }: ReportPackParams, format: "xlsx" | "html"): string => {
  const params = new URLSearchParams({ from, to })
  if (regionCode) params.set("regionCode", regionCode)
  params.set("format", format)
  return `/report-pack?${params}`
}

/**
 * 导出报送材料: the period's report pack for the region on screen, as the six-sheet workbook the
 * bureau files, or as the printable page (shown here, printed from the dialog).
 */
export const ReportPackButton = ({ params }: { params: ReportPackParams }) => {
  const translate = useTranslate()
  const notifyError = useNotifyError()
  const client = useImportExportClient()
  const viewer = useDocumentViewer()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [busy, setBusy] = useState(false)
  if (!client) return null

  const xlsx = async () => {
    setAnchor(null)
    setBusy(true)
    try {
      await download(client, reportPackPath(params, "xlsx"), `report-pack-${params.from}-${params.to}.xlsx`)
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }
  const print = () => {
    setAnchor(null)
    void viewer.open(reportPackPath(params, "html"), translate("yinfa.dashboard.reportPackTitle"))
  }
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DownloadIcon />}
        disabled={busy || viewer.busy}
        aria-haspopup="menu"
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {translate("yinfa.dashboard.reportPack")}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={xlsx}>{translate("yinfa.dashboard.reportPackXlsx")}</MenuItem>
        <MenuItem onClick={print}>{translate("yinfa.dashboard.reportPackPrint")}</MenuItem>
      </Menu>
      {viewer.element}
    </>
  )
}
