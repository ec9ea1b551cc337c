import PrintIcon from "@mui/icons-material/Print"
import { Button } from "@mui/material"
import { useRecordContext, useTranslate } from "react-admin"
import { useDocumentViewer } from "./DocumentDialog.js"

/** GET /certificates/:id/document: the certificate's printable HTML. */
export const certificateDocumentPath = (id: unknown) => `/certificates/${encodeURIComponent(String(id))}/document`

/** 打印证明: the certificate's printable document (GET /certificates/:id/document, with the token). */
export const PrintCertificateButton = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const viewer = useDocumentViewer()
  if (!record || !viewer.available) return null
  return (
    <>
      <Button
        size="small"
        startIcon={<PrintIcon />}
        disabled={viewer.busy}
        onClick={(e) => {
          // In a list row: print, do not open the row.
          e.stopPropagation()
          void viewer.open(certificateDocumentPath(record.id), translate("yinfa.certificate.documentTitle"))
        }}
      >
        {translate("yinfa.certificate.print")}
      </Button>
      {viewer.element}
    </>
  )
}
