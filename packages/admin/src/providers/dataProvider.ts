import type { Candidate, CoverageRow, Overview, SeriesPoint, ServiceSummary } from "@yinfa/core"
import simpleRestProvider from "ra-data-simple-rest"
import type { DataProvider, Identifier, RaRecord } from "react-admin"
import type { HttpClient } from "./httpClient.js"

/** Statistics filter: inclusive dates (YYYY-MM-DD), optionally one region and one category. */
export interface StatsParams {
  readonly from: string
  readonly to: string
  readonly regionCode?: string | null
  readonly category?: string | null
}

export interface StatsResults {
  overview: Overview
  series: ReadonlyArray<SeriesPoint>
  coverage: ReadonlyArray<CoverageRow>
}

/**
 * react-admin's CRUD methods plus the yinfa endpoints that are not CRUD. Components call these
 * through `useDataProvider()`, so tests replace them like any other method.
 */
export interface YinfaDataProvider extends DataProvider {
  /** POST /api/<resource>/<id>/<action>: publish, confirm, attend, submit, … Resolves to the updated record. */
  action: (resource: string, id: Identifier, action: string, body?: object) => Promise<{ data: RaRecord }>
  candidates: (activityId: Identifier, limit?: number) => Promise<{ data: ReadonlyArray<Candidate> }>
  serviceRecord: (volunteerId: Identifier) => Promise<{ data: ServiceSummary & { [k: string]: unknown } }>
  /** The volunteer with ID number and phone in clear; the read is written to the audit log. */
  sensitive: (volunteerId: Identifier) => Promise<{ data: RaRecord }>
  /** POST /api/certificates/<volunteerId>/issue: numbers and freezes a service certificate. Resolves to it. */
  issueCertificate: (
    volunteerId: Identifier,
    body?: { periodFrom?: string; periodTo?: string; issuer?: string; personInCharge?: string; contact?: string }
  ) => Promise<{ data: RaRecord }>
  stats: <K extends keyof StatsResults>(kind: K, params: StatsParams) => Promise<{ data: StatsResults[K] }>
  /** GET /api/audit-log/<id>/changes: the entry's changes as people read them, in the UI language. */
  auditChanges: (entryId: Identifier) => Promise<{ data: ReadonlyArray<ReadableChange> }>
}

/** A field of an audit entry's changes in words: labels, names of other records, the city's clock. */
export interface ReadableChange {
  readonly field: string
  readonly label: string
  /** null: there was no value before. */
  readonly before: string | number | null
  readonly after: string | number
}

/** Masked values (3209**********123X, 138****0000) are display copies: never send them back. */
const isMasked = (v: unknown) => typeof v === "string" && v.includes("*")

/**
 * Only the fields that changed go into a PUT: the server's update schemas are partial, the audit
 * log then shows real changes only, and masked identity numbers are never written over the real ones.
 */
export const changedFields = (data: Record<string, unknown>, previous: Record<string, unknown> | undefined) => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(data)) {
    if (isMasked(v)) continue
    if (previous && JSON.stringify(previous[k]) === JSON.stringify(v)) continue
    out[k] = v
  }
  return out
}

const query = (params: object) =>
  new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "") as Array<[string, string]>
  ).toString()

export const createDataProvider = (apiUrl: string, httpClient: HttpClient): YinfaDataProvider => {
  const base = simpleRestProvider(apiUrl, httpClient, "Content-Range")
  const post = (path: string, body: object = {}) => httpClient(`${apiUrl}${path}`, { method: "POST", body: JSON.stringify(body) })
  const get = (path: string) => httpClient(`${apiUrl}${path}`)
  return {
    ...base,
    update: (resource, params) =>
      base.update(resource, { ...params, data: changedFields(params.data, params.previousData) as typeof params.data }),
    action: (resource, id, action, body) =>
      post(`/${resource}/${encodeURIComponent(String(id))}/${action}`, body ?? {}).then(({ json }) => ({ data: json })),
    candidates: (activityId, limit = 20) =>
      get(`/activities/${encodeURIComponent(String(activityId))}/candidates?limit=${limit}`).then(({ json }) => ({ data: json })),
    serviceRecord: (volunteerId) =>
      get(`/volunteers/${encodeURIComponent(String(volunteerId))}/service-record`).then(({ json }) => ({ data: json })),
    sensitive: (volunteerId) =>
      get(`/volunteers/${encodeURIComponent(String(volunteerId))}/sensitive`).then(({ json }) => ({ data: json })),
    issueCertificate: (volunteerId, body) =>
      post(`/certificates/${encodeURIComponent(String(volunteerId))}/issue`, body ?? {}).then(({ json }) => ({ data: json })),
    stats: (kind, params) => get(`/stats/${kind}?${query(params)}`).then(({ json }) => ({ data: json })),
    auditChanges: (entryId) => get(`/audit-log/${encodeURIComponent(String(entryId))}/changes`).then(({ json }) => ({ data: json }))
  }
}
