import PairingIcon from "@mui/icons-material/Handshake"
import { lazyView } from "../lazy.js"

export const pairings = {
  list: lazyView(() => import("./List.js"), "PairingList"),
  show: lazyView(() => import("./Show.js"), "PairingShow"),
  create: lazyView(() => import("./Create.js"), "PairingCreate"),
  edit: lazyView(() => import("./Edit.js"), "PairingEdit"),
  icon: PairingIcon,
  recordRepresentation: (r: { menteeName?: string; id: string }) => r.menteeName || String(r.id)
}
