import { Layer } from "effect"
import { YinfaConfig, type YinfaConfigShape } from "./config.js"
import type { Store } from "./ports/Store.js"
import { CertificatesLive } from "./services/CertificatesLive.js"
import type { Certificates } from "./services/Certificates.js"
import { ActivitiesLive } from "./services/ActivitiesLive.js"
import type { Activities } from "./services/Activities.js"
import { AuditLogLive } from "./services/AuditLogLive.js"
import type { AuditLog } from "./services/AuditLog.js"
import { BrandProjectsLive } from "./services/BrandProjectsLive.js"
import type { BrandProjects } from "./services/BrandProjects.js"
import { ExemplarsLive } from "./services/ExemplarsLive.js"
import type { Exemplars } from "./services/Exemplars.js"
import { ExperienceReportsLive } from "./services/ExperienceReportsLive.js"
import type { ExperienceReports } from "./services/ExperienceReports.js"
import { MatchingLive } from "./services/MatchingLive.js"
import type { Matching } from "./services/Matching.js"
import { type Organizations, OrganizationsLive } from "./services/Organizations.js"
import { PairingCheckInsLive } from "./services/PairingCheckInsLive.js"
import { PairingsLive } from "./services/PairingsLive.js"
import type { PairingCheckIns, Pairings } from "./services/Pairings.js"
import { ParticipationsLive } from "./services/ParticipationsLive.js"
import type { Participations } from "./services/Participations.js"
import { RegionsLive } from "./services/RegionsLive.js"
import type { Regions } from "./services/Regions.js"
import { ReportingLive } from "./services/ReportingLive.js"
import type { Reporting } from "./services/Reporting.js"
import { ServiceHoursLive } from "./services/ServiceHoursLive.js"
import type { ServiceHours } from "./services/ServiceHours.js"
import { ServiceRecordsLive } from "./services/ServiceRecordsLive.js"
import type { ServiceRecords } from "./services/ServiceRecords.js"
import { UsersLive } from "./services/UsersLive.js"
import type { Users } from "./services/Users.js"
import { VolunteersLive } from "./services/VolunteersLive.js"
import type { Volunteers } from "./services/Volunteers.js"

/** Every service of the core. */
export type YinfaServices =
  | Regions
  | Organizations
  | Volunteers
  | Activities
  | Participations
  | ServiceHours
  | ServiceRecords
  | Pairings
  | PairingCheckIns
  | ExperienceReports
  | BrandProjects
  | Exemplars
  | Users
  | AuditLog
  | Matching
  | Reporting
  | Certificates

/** All services, needing a `Store` and the `YinfaConfig`. */
export const YinfaServicesLive: Layer.Layer<YinfaServices, never, Store | YinfaConfig> = Layer.mergeAll(
  RegionsLive,
  OrganizationsLive,
  VolunteersLive,
  ActivitiesLive,
  ParticipationsLive,
  ServiceHoursLive,
  ServiceRecordsLive,
  PairingsLive,
  PairingCheckInsLive,
  ExperienceReportsLive,
  BrandProjectsLive,
  ExemplarsLive,
  UsersLive,
  AuditLogLive,
  MatchingLive,
  ReportingLive,
  CertificatesLive
)

/**
 * The core over a given store, with configuration overrides: the one layer an Effect embedder
 * provides. It also passes the `Store` and `YinfaConfig` through for code that needs them.
 */
export const makeYinfaLayer = <E, R>(
  store: Layer.Layer<Store, E, R>,
  config: Partial<YinfaConfigShape> = {}
): Layer.Layer<YinfaServices | Store | YinfaConfig, E, R> =>
  YinfaServicesLive.pipe(Layer.provideMerge(Layer.merge(store, YinfaConfig.layer(config))))
