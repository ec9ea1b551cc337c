import ReportIcon from "@mui/icons-material/Article"
import { lazyView } from "../lazy.js"

export const experienceReports = {
  list: lazyView(() => import("./List.js"), "ExperienceReportList"),
  show: lazyView(() => import("./Show.js"), "ExperienceReportShow"),
  create: lazyView(() => import("./Create.js"), "ExperienceReportCreate"),
  edit: lazyView(() => import("./Edit.js"), "ExperienceReportEdit"),
  icon: ReportIcon,
  recordRepresentation: "title"
}
