import VolunteerIcon from "@mui/icons-material/Elderly"
import { lazyView } from "../lazy.js"

export const volunteers = {
  list: lazyView(() => import("./List.js"), "VolunteerList"),
  show: lazyView(() => import("./Show.js"), "VolunteerShow"),
  create: lazyView(() => import("./Create.js"), "VolunteerCreate"),
  edit: lazyView(() => import("./Edit.js"), "VolunteerEdit"),
  icon: VolunteerIcon,
  recordRepresentation: (r: { name?: string; volunteerNumber?: string }) => `${r.name ?? ""}（${r.volunteerNumber ?? ""}）`
}
