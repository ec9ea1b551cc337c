/**
 * What a status refusal says to a person. The services refuse with codes (`status: "absent"`,
 * `action: "attend"`), which clients may branch on; people read the enumeration's label and the
 * action's name: 当前状态为“缺席”，不能执行“登记出勤”.
 */
import type { MessageParams } from "../errors.js"
import type { ResourceName, RowOf } from "../resources.js"
import { CATALOGUES, type Locale, translate, translateVerbatim } from "./catalogues.js"
import { ENUM_LABELS, type EnumLabels } from "./enumLabels.js"

/** Resources whose records move through a status machine. */
export type StatusResource = { [R in ResourceName]: RowOf<R> extends { readonly status: string } ? R : never }[ResourceName]

/** The enumeration that labels each status machine's statuses. */
const STATUS_ENUM: { readonly [R in StatusResource]: keyof EnumLabels } = {
  volunteers: "volunteerStatus",
  activities: "activityStatus",
  participations: "participationStatus",
  pairings: "pairingStatus",
  "experience-reports": "reportStatus"
}

/** The actions a status machine can refuse; each is named in the catalogues as `action.<name>`. */
export const STATUS_ACTIONS = [
  "accept",
  "activate",
  "archive",
  "attend",
  "cancel",
  "changeRegion",
  "checkIn",
  "complete",
  "conclude",
  "confirm",
  "correctHours",
  "decline",
  "delete",
  "end",
  "markAbsent",
  "pause",
  "publish",
  "reactivate",
  "return",
  "submit",
  "update",
  "withdraw"
] as const

export type StatusAction = (typeof STATUS_ACTIONS)[number]

const isStatusResource = (value: unknown): value is StatusResource => typeof value === "string" && Object.hasOwn(STATUS_ENUM, value)

/** A status's label for people (`absent` of participations: 缺席), or the code when unknown. */
export const statusLabel = (locale: Locale, resource: StatusResource, status: string): string =>
  (ENUM_LABELS[locale][STATUS_ENUM[resource]] as Readonly<Record<string, string>>)[status] ?? status

/** An action's name for people (`attend`: 登记出勤), or the code when the catalogue has none. */
export const actionLabel = (locale: Locale, action: string): string => CATALOGUES[locale][`action.${action}`] ?? action

/**
 * A message whose parameters name a status (with the `resource` it belongs to) or a refused
 * `action`, with both put in as people read them; other messages as `translate` renders them.
 */
export const translateWithStatus = (locale: Locale, key: string, params: MessageParams = {}): string => {
  const { resource, status, action } = params
  if (!isStatusResource(resource) && action === undefined) return translate(locale, key, params)
  const labelled: Record<string, string | number> = { ...params }
  if (isStatusResource(resource) && status !== undefined) labelled.status = statusLabel(locale, resource, String(status))
  if (action !== undefined) labelled.action = actionLabel(locale, String(action))
  return translateVerbatim(locale, key, labelled)
}
