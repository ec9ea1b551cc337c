import { Button, Checkbox, FormControlLabel, Tooltip } from "@mui/material"
import { useState } from "react"
import { useCanAccess, useListContext, useResourceContext, useTranslate } from "react-admin"
import { download, exportPath, type ImportExportClient } from "./client.js"
import { useImportExportClient } from "./context.js"
import { useNotifyError } from "../common/notifyError.js"

export interface ExportButtonsProps {
  /** Default: the client <YinfaAdmin> provides. */
  readonly client?: ImportExportClient
  readonly resource?: string
  /** Offer "with full ID numbers and phones" (volunteers; admins only; every record's read is audited). */
  readonly allowReveal?: boolean
}

/**
 * Export of the list as it is filtered and sorted on screen, as .xlsx or .csv. The server pages
 * through the list itself; jurisdiction and masking are the server's, so the buttons only hide
 * what the role may not ask for (the server refuses it anyway).
 */
export const ExportButtons = ({ client: given, resource: givenResource, allowReveal = false }: ExportButtonsProps) => {
  const translate = useTranslate()
  const notifyError = useNotifyError()
  const contextClient = useImportExportClient()
  const client = given ?? contextClient
  const contextResource = useResourceContext()
  const resource = givenResource ?? contextResource ?? ""
  const { filterValues, sort, total } = useListContext()
  const { canAccess: canExport } = useCanAccess({ resource, action: "export" })
  // Same rule as 查看完整信息 on the show page: reading clear identity data is an admin's act.
  const { canAccess: canReveal } = useCanAccess({ resource, action: "reveal" })
  const [busy, setBusy] = useState(false)
  const [reveal, setReveal] = useState(false)
  if (!client || !canExport) return null
  const withReveal = allowReveal && canReveal === true && reveal

  const run = async (format: "xlsx" | "csv") => {
    setBusy(true)
    try {
      await download(client, exportPath(resource, format, filterValues, sort, withReveal), `${resource}.${format}`)
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }
  // An empty list exports an empty sheet: allowed (the header row documents the columns), but not offered.
  const disabled = busy || total === 0
  return (
    <>
      <Button size="small" disabled={disabled} onClick={() => run("xlsx")}>
        {translate("yinfa.importExport.exportXlsx")}
      </Button>
      <Button size="small" disabled={disabled} onClick={() => run("csv")}>
        {translate("yinfa.importExport.exportCsv")}
      </Button>
      {allowReveal && canReveal && (
        <Tooltip title={translate("yinfa.importExport.revealHelp")} describeChild>
          <FormControlLabel
            sx={{ ml: 0.5, "& .MuiFormControlLabel-label": { fontSize: "0.8125rem" } }}
            control={<Checkbox size="small" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />}
            label={translate("yinfa.importExport.reveal")}
          />
        </Tooltip>
      )}
    </>
  )
}
