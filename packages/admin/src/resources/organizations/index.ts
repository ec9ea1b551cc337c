import OrganizationIcon from "@mui/icons-material/Business"
import { lazyView } from "../lazy.js"

export const organizations = {
  list: lazyView(() => import("./List.js"), "OrganizationList"),
  show: lazyView(() => import("./Show.js"), "OrganizationShow"),
  create: lazyView(() => import("./Create.js"), "OrganizationCreate"),
  edit: lazyView(() => import("./Edit.js"), "OrganizationEdit"),
  icon: OrganizationIcon,
  recordRepresentation: "name"
}
