import ExemplarIcon from "@mui/icons-material/EmojiEvents"
import { lazyView } from "../lazy.js"

export const exemplars = {
  list: lazyView(() => import("./List.js"), "ExemplarList"),
  show: lazyView(() => import("./Show.js"), "ExemplarShow"),
  create: lazyView(() => import("./Create.js"), "ExemplarCreate"),
  edit: lazyView(() => import("./Edit.js"), "ExemplarEdit"),
  icon: ExemplarIcon,
  recordRepresentation: (r: { year?: number; title?: string }) => `${r.year ?? ""} ${r.title ?? ""}`
}
