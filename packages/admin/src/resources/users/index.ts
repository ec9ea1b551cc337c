import UserIcon from "@mui/icons-material/ManageAccounts"
import { lazyView } from "../lazy.js"

/** City admins only: YinfaAdmin declares the resource for them alone, and canAccess refuses the rest. */
export const users = {
  list: lazyView(() => import("./List.js"), "UserList"),
  show: lazyView(() => import("./Show.js"), "UserShow"),
  create: lazyView(() => import("./Create.js"), "UserCreate"),
  edit: lazyView(() => import("./Edit.js"), "UserEdit"),
  icon: UserIcon,
  recordRepresentation: "displayName"
}
