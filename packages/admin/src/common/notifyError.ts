import { useNotify, useTranslate } from "react-admin"
import { FileRequestError } from "../importExport/client.js"

/**
 * What to tell the user about a failed file request: the server's message as it came (already in
 * the UI language), else the catalogue's words for a lost connection or a bare HTTP status.
 */
export const useFileErrorMessage = () => {
  const translate = useTranslate()
  return (e: unknown): string => {
    if (e instanceof FileRequestError && e.serverMessage === null)
      return e.status === null
        ? translate("yinfa.importExport.networkError")
        : translate("yinfa.importExport.requestFailed", { status: e.status })
    return e instanceof Error ? e.message : String(e)
  }
}

/** Notifies a failed file request (see useFileErrorMessage). */
export const useNotifyError = () => {
  const notify = useNotify()
  const messageOf = useFileErrorMessage()
  return (e: unknown) => {
    const message = messageOf(e)
    notify(message, { type: "error", messageArgs: { _: message } })
  }
}
