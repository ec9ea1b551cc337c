import AuditIcon from "@mui/icons-material/History"
import { AuditLogList } from "./List.js"
import { AuditLogShow } from "./Show.js"

/** Read-only: entries are written by the server in the same transaction as each change. */
export const auditLog = {
  list: AuditLogList,
  show: AuditLogShow,
  icon: AuditIcon,
  recordRepresentation: (r: { action?: string; at?: string }) => `${r.action ?? ""} ${r.at ?? ""}`
}
