import ParticipationIcon from "@mui/icons-material/HowToReg"
import { ParticipationCreate } from "./Create.js"
import { ParticipationEdit } from "./Edit.js"
import { ParticipationList } from "./List.js"
import { ParticipationShow } from "./Show.js"

export const participations = {
  list: ParticipationList,
  show: ParticipationShow,
  create: ParticipationCreate,
  edit: ParticipationEdit,
  icon: ParticipationIcon,
  recordRepresentation: (r: { id: string }) => String(r.id)
}
