import ParticipationIcon from "@mui/icons-material/HowToReg"
import { createElement } from "react"
import { ParticipationName } from "../../common/recordNames.js"
import { lazyView } from "../lazy.js"

export const participations = {
  list: lazyView(() => import("./List.js"), "ParticipationList"),
  show: lazyView(() => import("./Show.js"), "ParticipationShow"),
  create: lazyView(() => import("./Create.js"), "ParticipationCreate"),
  edit: lazyView(() => import("./Edit.js"), "ParticipationEdit"),
  icon: ParticipationIcon,
  recordRepresentation: createElement(ParticipationName)
}
