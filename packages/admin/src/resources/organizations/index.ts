import OrganizationIcon from "@mui/icons-material/Business"
import { OrganizationCreate } from "./Create.js"
import { OrganizationEdit } from "./Edit.js"
import { OrganizationList } from "./List.js"
import { OrganizationShow } from "./Show.js"

export const organizations = {
  list: OrganizationList,
  show: OrganizationShow,
  create: OrganizationCreate,
  edit: OrganizationEdit,
  icon: OrganizationIcon,
  recordRepresentation: "name"
}
