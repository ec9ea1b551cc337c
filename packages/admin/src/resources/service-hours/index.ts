import HoursIcon from "@mui/icons-material/AccessTime"
import { createElement } from "react"
import { ServiceHourName } from "../../common/recordNames.js"
import { lazyView } from "../lazy.js"

/** List only: hours enter the ledger through attendance, check-ins and corrections. */
export const serviceHours = {
  list: lazyView(() => import("./List.js"), "ServiceHourList"),
  icon: HoursIcon,
  recordRepresentation: createElement(ServiceHourName)
}
