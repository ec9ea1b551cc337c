import { DataTable } from "react-admin"
import { InstantField, LabelField } from "./fields.js"
import { RelatedRecords } from "./RelatedRecords.js"

/** The audit entries of the current record, newest first. */
export const AuditTrail = ({ resource }: { resource: string }) => (
  <RelatedRecords reference="audit-log" target="recordId" filter={{ resource }} sort={{ field: "at", order: "DESC" }}>
    <DataTable.Col source="at">
      <InstantField source="at" />
    </DataTable.Col>
    <DataTable.Col source="actorName" />
    <DataTable.Col source="action">
      <LabelField source="action" prefix="yinfa.enum.auditAction" />
    </DataTable.Col>
    <DataTable.Col source="note" />
  </RelatedRecords>
)
