import BrandIcon from "@mui/icons-material/WorkspacePremium"
import { lazyView } from "../lazy.js"

export const brandProjects = {
  list: lazyView(() => import("./List.js"), "BrandProjectList"),
  show: lazyView(() => import("./Show.js"), "BrandProjectShow"),
  create: lazyView(() => import("./Create.js"), "BrandProjectCreate"),
  edit: lazyView(() => import("./Edit.js"), "BrandProjectEdit"),
  icon: BrandIcon,
  recordRepresentation: "name"
}
