import ReportIcon from "@mui/icons-material/Article"
import { ExperienceReportCreate } from "./Create.js"
import { ExperienceReportEdit } from "./Edit.js"
import { ExperienceReportList } from "./List.js"
import { ExperienceReportShow } from "./Show.js"

export const experienceReports = {
  list: ExperienceReportList,
  show: ExperienceReportShow,
  create: ExperienceReportCreate,
  edit: ExperienceReportEdit,
  icon: ReportIcon,
  recordRepresentation: "title"
}
