import CertificateIcon from "@mui/icons-material/CardMembership"
import { lazyView } from "../lazy.js"

/** Read-only: certificates are issued from a volunteer's page and never edited. */
export const certificates = {
  list: lazyView(() => import("./List.js"), "CertificateList"),
  show: lazyView(() => import("./Show.js"), "CertificateShow"),
  icon: CertificateIcon,
  recordRepresentation: "certificateNumber"
}
