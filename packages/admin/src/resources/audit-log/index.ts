import AuditIcon from "@mui/icons-material/History"
import { lazyView } from "../lazy.js"

/** Read-only: entries are written by the server in the same transaction as each change. */
export const auditLog = {
  list: lazyView(() => import("./List.js"), "AuditLogList"),
  show: lazyView(() => import("./Show.js"), "AuditLogShow"),
  icon: AuditIcon,
  recordRepresentation: (r: { action?: string; at?: string }) => `${r.action ?? ""} ${r.at ?? ""}`
}
