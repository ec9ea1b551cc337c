import PairingIcon from "@mui/icons-material/Handshake"
import { lazyView } from "../lazy.js"

export const pairings = {
  list: lazyView(() => import("./List.js"), "PairingList"),
  show: lazyView(() => import("./Show.js"), "PairingShow"),
  create: lazyView(() => import("./Create.js"), "PairingCreate"),
  edit: lazyView(() => import("./Edit.js"), "PairingEdit"),
  icon: PairingIcon,
  // By the young person, else their school or unit (an organisation's pairing has neither: its id).
  recordRepresentation: (r: { menteeName?: string; menteeUnit?: string; id: string }) => r.menteeName || r.menteeUnit || String(r.id)
}
