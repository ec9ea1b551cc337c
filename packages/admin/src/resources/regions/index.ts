import RegionIcon from "@mui/icons-material/Map"
import { lazyView } from "../lazy.js"

export const regions = {
  list: lazyView(() => import("./List.js"), "RegionList"),
  show: lazyView(() => import("./Show.js"), "RegionShow"),
  create: lazyView(() => import("./Create.js"), "RegionCreate"),
  edit: lazyView(() => import("./Edit.js"), "RegionEdit"),
  icon: RegionIcon,
  recordRepresentation: "name"
}
