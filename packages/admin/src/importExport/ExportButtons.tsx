import { Button } from "@mui/material"
import { useState } from "react"
import { useListContext, useNotify, usePermissions, useResourceContext, useTranslate } from "react-admin"
import { download, type ImportExportClient } from "./client.js"

export interface ExportButtonsProps {
  readonly client: ImportExportClient
  readonly resource?: string
  /** Offer "export with full ID numbers and phones" (volunteers; admins only; every record's read is audited). */
  readonly allowReveal?: boolean
}

/**
 * Export of the list as it is filtered and sorted on screen, as .xlsx or .csv. The server pages
 * through the list itself; jurisdiction and masking are the server's.
 */
export const ExportButtons = ({ client, resource: given, allowReveal = false }: ExportButtonsProps) => {
  const translate = useTranslate()
  const notify = useNotify()
  const contextResource = useResourceContext()
  const resource = given ?? contextResource ?? ""
  const { filterValues, sort } = useListContext()
  const { permissions } = usePermissions<{ role?: string } | string>()
  const role = typeof permissions === "string" ? permissions : permissions?.role
  const [busy, setBusy] = useState(false)
  const t = (key: string, zh: string) => translate(`yinfa.importExport.${key}`, { _: zh })

  const run = async (format: "xlsx" | "csv", reveal = false) => {
    setBusy(true)
    try {
      const params = new URLSearchParams({ format, filter: JSON.stringify(filterValues ?? {}) })
      if (sort?.field) params.set("sort", JSON.stringify([sort.field, sort.order]))
      if (reveal) params.set("reveal", "1")
      await download(client, `/export/${resource}?${params}`, `${resource}.${format}`)
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: "error" })
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Button size="small" disabled={busy} onClick={() => run("xlsx")}>
        {t("exportXlsx", "导出 Excel")}
      </Button>
      <Button size="small" disabled={busy} onClick={() => run("csv")}>
        {t("exportCsv", "导出 CSV")}
      </Button>
      {allowReveal && role !== "viewer" && (
        <Button size="small" color="warning" disabled={busy} onClick={() => run("xlsx", true)}>
          {t("exportReveal", "导出（含完整身份证号码、手机号码，将记入操作日志）")}
        </Button>
      )}
    </>
  )
}
