import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material"
import { type ReactNode, useRef, useState } from "react"
import { useTranslate } from "react-admin"
import { fetchDocument } from "../importExport/client.js"
import { useImportExportClient } from "../importExport/context.js"
import { useNotifyError } from "../common/notifyError.js"

/**
 * A printable document of the server (certificate, report pack). It needs the bearer token, so a
 * plain link or `window.open(url)` cannot fetch it: the HTML is fetched and shown in an iframe
 * (`srcdoc`), printed from there, or opened in a tab as a blob URL. The iframe runs no scripts:
 * the document needs none, and its text is people's names.
 */
export const useDocumentViewer = () => {
  const client = useImportExportClient()
  const notifyError = useNotifyError()
  const [busy, setBusy] = useState(false)
  const [doc, setDoc] = useState<{ html: string; title: string } | null>(null)
  const open = async (path: string, title: string) => {
    if (!client) return
    setBusy(true)
    try {
      setDoc({ html: await fetchDocument(client, path), title })
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }
  const element: ReactNode = <DocumentDialog doc={doc} onClose={() => setDoc(null)} />
  return { available: client !== null, busy, open, element }
}

const DocumentDialog = ({ doc, onClose }: { doc: { html: string; title: string } | null; onClose: () => void }) => {
  const translate = useTranslate()
  const frame = useRef<HTMLIFrameElement>(null)
  const openInTab = () => {
    if (!doc) return
    const url = URL.createObjectURL(new Blob([doc.html], { type: "text/html;charset=utf-8" }))
    window.open(url, "_blank", "noopener")
    // The tab has loaded it by then; the URL only has to outlive the navigation.
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
  return (
    // A portal in the DOM, but React bubbles its clicks to a list row the button may sit in.
    <Dialog open={doc !== null} onClose={onClose} fullWidth maxWidth="md" onClick={(e) => e.stopPropagation()}>
      <DialogTitle>{doc?.title}</DialogTitle>
      <DialogContent>
        {doc && (
          <iframe
            ref={frame}
            title={doc.title}
            srcDoc={doc.html}
            // same-origin so the print button can reach it; modals so print() is allowed; no scripts.
            sandbox="allow-same-origin allow-modals"
            style={{ width: "100%", height: "70vh", border: "1px solid #ddd", background: "#fff" }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={openInTab}>{translate("yinfa.certificate.openInTab")}</Button>
        <Button onClick={onClose}>{translate("ra.action.close")}</Button>
        <Button variant="contained" onClick={() => frame.current?.contentWindow?.print()}>
          {translate("yinfa.certificate.printNow")}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
