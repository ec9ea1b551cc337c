import ActivityIcon from "@mui/icons-material/Event"
import { lazyView } from "../lazy.js"

export const activities = {
  list: lazyView(() => import("./List.js"), "ActivityList"),
  show: lazyView(() => import("./Show.js"), "ActivityShow"),
  create: lazyView(() => import("./Create.js"), "ActivityCreate"),
  edit: lazyView(() => import("./Edit.js"), "ActivityEdit"),
  icon: ActivityIcon,
  recordRepresentation: "title"
}
