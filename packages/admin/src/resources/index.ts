import { activities } from "./activities/index.js"
import { auditLog } from "./audit-log/index.js"
import { brandProjects } from "./brand-projects/index.js"
import { certificates } from "./certificates/index.js"
import { exemplars } from "./exemplars/index.js"
import { experienceReports } from "./experience-reports/index.js"
import { organizations } from "./organizations/index.js"
import { pairingCheckIns } from "./pairing-check-ins/index.js"
import { pairings } from "./pairings/index.js"
import { participations } from "./participations/index.js"
import { regions } from "./regions/index.js"
import { serviceHours } from "./service-hours/index.js"
import { users } from "./users/index.js"
import { volunteers } from "./volunteers/index.js"

export {
  activities,
  auditLog,
  brandProjects,
  certificates,
  exemplars,
  experienceReports,
  organizations,
  pairingCheckIns,
  pairings,
  participations,
  regions,
  serviceHours,
  users,
  volunteers
}

/**
 * Every yinfa resource by its name (the HTTP path and the i18n key), in menu order. An embedding
 * app spreads each into its own `<Resource name={name} {...definition} />`.
 */
export const yinfaResources = {
  volunteers,
  activities,
  participations,
  pairings,
  "pairing-check-ins": pairingCheckIns,
  "experience-reports": experienceReports,
  "brand-projects": brandProjects,
  exemplars,
  "service-hours": serviceHours,
  certificates,
  organizations,
  regions,
  users,
  "audit-log": auditLog
} as const

export type YinfaResourceName = keyof typeof yinfaResources
