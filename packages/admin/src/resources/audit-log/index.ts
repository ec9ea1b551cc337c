import AuditIcon from "@mui/icons-material/History"
import { lazyView } from "../lazy.js"

/** Read-only: entries are written by the server in the same transaction as each change. */
export const auditLog = {
  list: lazyView(() => import("./List.js"), "AuditLogList"),
  show: lazyView(() => import("./Show.js"), "AuditLogShow"),
  icon: AuditIcon,
  // Only the show page names an entry, with its own title (AuditEntryTitle): labels need the UI language.
  recordRepresentation: (r: { at?: string }) => r.at ?? ""
}
