import RegionIcon from "@mui/icons-material/Map"
import { RegionCreate } from "./Create.js"
import { RegionEdit } from "./Edit.js"
import { RegionList } from "./List.js"
import { RegionShow } from "./Show.js"

export const regions = {
  list: RegionList,
  show: RegionShow,
  create: RegionCreate,
  edit: RegionEdit,
  icon: RegionIcon,
  recordRepresentation: "name"
}
