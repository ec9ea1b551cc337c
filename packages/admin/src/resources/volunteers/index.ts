import VolunteerIcon from "@mui/icons-material/Elderly"
import { VolunteerCreate } from "./Create.js"
import { VolunteerEdit } from "./Edit.js"
import { VolunteerList } from "./List.js"
import { VolunteerShow } from "./Show.js"

export const volunteers = {
  list: VolunteerList,
  show: VolunteerShow,
  create: VolunteerCreate,
  edit: VolunteerEdit,
  icon: VolunteerIcon,
  recordRepresentation: (r: { name?: string; volunteerNumber?: string }) => `${r.name ?? ""}（${r.volunteerNumber ?? ""}）`
}
