import ActivityIcon from "@mui/icons-material/Event"
import { ActivityCreate } from "./Create.js"
import { ActivityEdit } from "./Edit.js"
import { ActivityList } from "./List.js"
import { ActivityShow } from "./Show.js"

export const activities = {
  list: ActivityList,
  show: ActivityShow,
  create: ActivityCreate,
  edit: ActivityEdit,
  icon: ActivityIcon,
  recordRepresentation: "title"
}
