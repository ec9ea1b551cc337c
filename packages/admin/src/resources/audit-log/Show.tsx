import { Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material"
import { Labeled, Show, SimpleShowLayout, TextField, useDataProvider, useRecordContext, useTranslate } from "react-admin"
import { InstantField, LabelField, ResourceNameField } from "../../common/fields.js"
import { useAsync } from "../../common/useAsync.js"
import { AuditEntryTitle } from "./AuditEntryTitle.js"
import { AuditRecordField } from "./AuditRecordField.js"
import type { YinfaDataProvider } from "../../providers/dataProvider.js"

/** The stored value as it is, while the words are loading or if they cannot be had. */
const raw = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v))

/**
 * before → after per field, in words the server renders as the exports do (labels for codes,
 * names of the records referred to, times in the city's clock); sensitive values arrive masked.
 */
const Changes = () => {
  const record = useRecordContext()
  const translate = useTranslate()
  const dataProvider = useDataProvider<YinfaDataProvider>()
  const stored = Object.entries((record?.changes ?? {}) as Record<string, { before: unknown; after: unknown }>)
  const readable = useAsync(() => dataProvider.auditChanges(record?.id as string).then((r) => r.data), [record?.id], stored.length > 0)
  if (!stored.length) return null
  const rows: ReadonlyArray<{ field: string; label: string; before: string; after: string }> = readable.data
    ? readable.data.map((c) => ({
        field: c.field,
        label: c.label,
        before: c.before === null ? "—" : String(c.before),
        after: String(c.after)
      }))
    : stored.map(([field, change]) => ({
        field,
        label: translate(`resources.${record?.resource}.fields.${field}`, { _: field }),
        before: raw(change.before),
        after: raw(change.after)
      }))
  return (
    <Table size="small" aria-busy={readable.isPending}>
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell>{translate("yinfa.auditLog.before")}</TableCell>
          <TableCell>{translate("yinfa.auditLog.after")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.field}>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{row.label}</TableCell>
            <TableCell sx={{ whiteSpace: "pre-line" }}>{row.before}</TableCell>
            <TableCell sx={{ whiteSpace: "pre-line" }}>{row.after}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

export const AuditLogShow = () => (
  <Show actions={false} title={<AuditEntryTitle />}>
    <SimpleShowLayout>
      <InstantField source="at" />
      <TextField source="actorName" />
      <LabelField source="actorRole" prefix="yinfa.enum.role" />
      <ResourceNameField source="resource" />
      <Labeled source="recordId">
        <AuditRecordField />
      </Labeled>
      <LabelField source="action" prefix="yinfa.enum.auditAction" />
      <TextField source="note" />
      <Labeled source="changes" fullWidth>
        <Changes />
      </Labeled>
    </SimpleShowLayout>
  </Show>
)
