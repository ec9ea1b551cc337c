import UserIcon from "@mui/icons-material/ManageAccounts"
import { UserCreate } from "./Create.js"
import { UserEdit } from "./Edit.js"
import { UserList } from "./List.js"
import { UserShow } from "./Show.js"

/** City admins only: YinfaAdmin declares the resource for them alone, and canAccess refuses the rest. */
export const users = {
  list: UserList,
  show: UserShow,
  create: UserCreate,
  edit: UserEdit,
  icon: UserIcon,
  recordRepresentation: "displayName"
}
