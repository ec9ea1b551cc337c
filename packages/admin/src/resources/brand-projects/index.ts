import BrandIcon from "@mui/icons-material/WorkspacePremium"
import { BrandProjectCreate } from "./Create.js"
import { BrandProjectEdit } from "./Edit.js"
import { BrandProjectList } from "./List.js"
import { BrandProjectShow } from "./Show.js"

export const brandProjects = {
  list: BrandProjectList,
  show: BrandProjectShow,
  create: BrandProjectCreate,
  edit: BrandProjectEdit,
  icon: BrandIcon,
  recordRepresentation: "name"
}
