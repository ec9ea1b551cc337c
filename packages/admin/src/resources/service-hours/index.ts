import HoursIcon from "@mui/icons-material/AccessTime"
import { ServiceHourList } from "./List.js"

/** List only: hours enter the ledger through attendance, check-ins and corrections. */
export const serviceHours = {
  list: ServiceHourList,
  icon: HoursIcon
}
