import { Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material"
import { Labeled, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from "react-admin"
import { InstantField, LabelField, ResourceNameField } from "../../common/fields.js"

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v))

/** before → after per field; sensitive values arrive already masked. */
const Changes = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const entries = Object.entries((record?.changes ?? {}) as Record<string, { before: unknown; after: unknown }>)
  if (!entries.length) return null
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell>{translate("yinfa.auditLog.before")}</TableCell>
          <TableCell>{translate("yinfa.auditLog.after")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(([field, change]) => (
          <TableRow key={field}>
            <TableCell>{translate(`resources.${record?.resource}.fields.${field}`, { _: field })}</TableCell>
            <TableCell>{show(change.before)}</TableCell>
            <TableCell>{show(change.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

export const AuditLogShow = () => (
  <Show actions={false}>
    <SimpleShowLayout>
      <InstantField source="at" />
      <TextField source="actorName" />
      <LabelField source="actorRole" prefix="yinfa.enum.role" />
      <ResourceNameField source="resource" />
      <TextField source="recordId" />
      <LabelField source="action" prefix="yinfa.enum.auditAction" />
      <TextField source="note" />
      <Labeled source="changes" fullWidth>
        <Changes />
      </Labeled>
    </SimpleShowLayout>
  </Show>
)
