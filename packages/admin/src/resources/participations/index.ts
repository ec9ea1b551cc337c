import ParticipationIcon from "@mui/icons-material/HowToReg"
import { lazyView } from "../lazy.js"

export const participations = {
  list: lazyView(() => import("./List.js"), "ParticipationList"),
  show: lazyView(() => import("./Show.js"), "ParticipationShow"),
  create: lazyView(() => import("./Create.js"), "ParticipationCreate"),
  edit: lazyView(() => import("./Edit.js"), "ParticipationEdit"),
  icon: ParticipationIcon,
  recordRepresentation: (r: { id: string }) => String(r.id)
}
