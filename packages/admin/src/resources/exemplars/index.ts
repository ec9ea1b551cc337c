import ExemplarIcon from "@mui/icons-material/EmojiEvents"
import { ExemplarCreate } from "./Create.js"
import { ExemplarEdit } from "./Edit.js"
import { ExemplarList } from "./List.js"
import { ExemplarShow } from "./Show.js"

export const exemplars = {
  list: ExemplarList,
  show: ExemplarShow,
  create: ExemplarCreate,
  edit: ExemplarEdit,
  icon: ExemplarIcon,
  recordRepresentation: (r: { year?: number; title?: string }) => `${r.year ?? ""} ${r.title ?? ""}`
}
