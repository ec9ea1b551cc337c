import type { Sort } from "./query.js"

/**
 * The order each list is read in when its reader names none: the dashboard's lists open in it,
 * and an export without a sort follows it (rather than the store's order of record ids). Plain
 * data, apart from the schemas, so the dashboard can import it without them.
 */
export const DEFAULT_LIST_ORDER = {
  regions: { field: "sortOrder", order: "ASC" },
  organizations: { field: "name", order: "ASC" },
  volunteers: { field: "volunteerNumber", order: "ASC" },
  activities: { field: "startsAt", order: "DESC" },
  participations: { field: "signedUpAt", order: "DESC" },
  "service-hours": { field: "serviceDate", order: "DESC" },
  pairings: { field: "createdAt", order: "DESC" },
  "pairing-check-ins": { field: "date", order: "DESC" },
  "experience-reports": { field: "updatedAt", order: "DESC" },
  "brand-projects": { field: "name", order: "ASC" },
  exemplars: { field: "year", order: "DESC" },
  users: { field: "username", order: "ASC" },
  "audit-log": { field: "at", order: "DESC" },
  sessions: { field: "createdAt", order: "DESC" },
  certificates: { field: "issuedOn", order: "DESC" }
} as const satisfies Record<string, Sort>
