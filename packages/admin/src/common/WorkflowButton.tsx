import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Tooltip } from "@mui/material"
import { type ReactElement, type ReactNode, useState } from "react"
import {
  Form,
  type Identifier,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate
} from "react-admin"
import type { YinfaDataProvider } from "../providers/dataProvider.js"

export interface WorkflowButtonProps {
  /** The workflow step: POST /api/<resource>/<id>/<action>. */
  readonly action: string
  readonly label: string
  readonly resource?: string
  readonly id?: Identifier
  /** Shown only when the record is in one of these states. */
  readonly when?: (record: any) => boolean
  /**
   * Why the step cannot be taken yet, though the record is in a state it applies to (an activity
   * that has not started): the button is shown disabled, with the reason as its tooltip.
   */
  readonly unavailable?: (record: any) => { readonly message: string; readonly params?: object } | null
  /** Inputs of a dialog asking for the step's details (reason, hours …); none: the step runs at once. */
  readonly dialog?: { readonly title: string; readonly inputs: ReactNode; readonly defaultValues?: object }
  readonly icon?: ReactElement
  readonly color?: "primary" | "secondary" | "error" | "warning" | "success" | "inherit"
  readonly variant?: "text" | "outlined" | "contained"
  readonly onDone?: () => void
}

/**
 * A workflow step. Hidden from roles that may not take it (the auth provider's `canAccess`) and
 * in states it does not apply to. A refusal is shown as the server words it: the state machine
 * and the rules (a missing safety plan, a full activity …) live on the server.
 */
export const WorkflowButton = ({
  action,
  label,
  resource: resourceProp,
  id: idProp,
  when,
  unavailable,
  dialog,
  icon,
  color = "primary",
  variant = "outlined",
  onDone
}: WorkflowButtonProps) => {
  const record = useRecordContext()
  const contextResource = useResourceContext()
  const resource = resourceProp ?? contextResource ?? ""
  const id = idProp ?? record?.id
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const { canAccess } = useCanAccess({ resource, action })
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)

  if (!canAccess || id === undefined || (when && (!record || !when(record)))) return null
  const notYet = record && unavailable ? unavailable(record) : null

  const run = async (body?: object) => {
    setBusy(true)
    try {
      await dataProvider.action(resource, id, action, body)
      notify("yinfa.notify.done", { type: "success" })
      setOpen(false)
      refresh()
      onDone?.()
    } catch (error: any) {
      // The server's JSON { message } is already in the UI language (Accept-Language).
      notify(error?.body?.message ?? error?.message ?? "ra.notification.http_error", { type: "error", messageArgs: { _: error?.message } })
    } finally {
      setBusy(false)
    }
  }

  const button = (
    <Button
      size="medium"
      color={color}
      variant={variant}
      startIcon={icon}
      disabled={busy || notYet !== null}
      onClick={(e) => {
        e.stopPropagation()
        if (dialog) setOpen(true)
        else void run()
      }}
    >
      {translate(label)}
    </Button>
  )

  return (
    <>
      {notYet === null ? (
        button
      ) : (
        // A disabled button receives no pointer events: the wrapper carries the tooltip.
        <Tooltip title={translate(notYet.message, notYet.params)}>
          <span>{button}</span>
        </Tooltip>
      )}
      {dialog && (
        <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" onClick={(e) => e.stopPropagation()}>
          <Form onSubmit={(values: object) => run(values)} defaultValues={dialog.defaultValues} record={{}}>
            <DialogTitle>{translate(dialog.title)}</DialogTitle>
            <DialogContent>{dialog.inputs}</DialogContent>
            <DialogActions>
              <Button onClick={() => setOpen(false)}>{translate("ra.action.cancel")}</Button>
              <Button type="submit" variant="contained" color={color} disabled={busy}>
                {translate(label)}
              </Button>
            </DialogActions>
          </Form>
        </Dialog>
      )}
    </>
  )
}
