import PairingIcon from "@mui/icons-material/Handshake"
import { PairingCreate } from "./Create.js"
import { PairingEdit } from "./Edit.js"
import { PairingList } from "./List.js"
import { PairingShow } from "./Show.js"

export const pairings = {
  list: PairingList,
  show: PairingShow,
  create: PairingCreate,
  edit: PairingEdit,
  icon: PairingIcon,
  recordRepresentation: (r: { menteeName?: string; id: string }) => r.menteeName || String(r.id)
}
