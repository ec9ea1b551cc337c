import { type ResourceName, type RowOf, residentIdCheckChar } from "@yinfa/core"
import type { Brand } from "effect"

/**
 * Minimal valid rows for every resource, for adapter tests (the contract suite uses them, and so
 * can a third party's own tests). Each builder takes the id and any fields to override; fields
 * that are unique in the resource are derived from the id, so two rows with different ids never
 * collide unless a test asks them to. The suite decodes every builder's output with the core
 * schema, so these cannot drift from the domain.
 */

/** Brands stripped, so overrides can be written as plain literals. */
type Unbranded<T> =
  T extends Brand.Brand<any> ? (T extends string ? string : T) : T extends ReadonlyArray<infer E> ? ReadonlyArray<Unbranded<E>> : T
export type RowOverrides<R extends ResourceName> = { readonly [K in keyof RowOf<R>]?: Unbranded<RowOf<R>[K]> }

const AT = "2024-03-01T08:00:00Z"

/** A latin slug from any id, for fields with a `^[a-z]…` pattern. */
const slugOf = (prefix: string, id: string) => `${prefix}${id.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 31)

const build =
  <R extends ResourceName>(base: (id: string) => Record<string, unknown>) =>
  (id: string, overrides: RowOverrides<R> = {}): RowOf<R> =>
    ({ ...base(id), ...overrides, id }) as unknown as RowOf<R>

/** A valid resident ID number (check digit and birth date right), distinct for each `seq` below 366,000. */
export const residentIdNumber = (seq: number, regionPrefix = "320902"): string => {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(seq / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "")
  const first17 = `${regionPrefix}${day}${String(seq % 1000).padStart(3, "0")}`
  return `${first17}${residentIdCheckChar(first17)}`
}

/** A valid mainland mobile number, distinct for each `seq` below 100,000,000. */
export const mobilePhone = (seq: number): string => `139${String(seq).padStart(8, "0")}`

export const regionRow = build<"regions">((id) => ({
  code: id,
  name: "亭湖区",
  nameEn: "Tinghu District",
  kind: "district",
  parentCode: "320900",
  slug: slugOf("r", id),
  sortOrder: 1
}))

export const organizationRow = build<"organizations">(() => ({
  name: "亭湖区关工委",
  kind: "partner",
  regionCode: "320902",
  contactName: "",
  contactPhone: null,
  address: "",
  createdAt: AT,
  updatedAt: AT
}))

export const volunteerRow = build<"volunteers">((id) => ({
  volunteerNumber: `YF-${id}`,
  name: "王建国",
  gender: "male",
  birthDate: "1958-06-01",
  idNumber: null,
  phone: null,
  regionCode: "320902",
  formerUnit: "",
  formerPosition: "",
  retirementType: "tuixiu",
  partyMember: true,
  partyBranchId: null,
  expertise: [],
  expertiseYears: {},
  interests: [],
  talentPool: false,
  fitness: null,
  monthlyHours: 8,
  channels: ["online", "offline"],
  consentAt: AT,
  healthDataConsentAt: null,
  joinedAt: "2024-03-01",
  status: "active",
  archiveReason: null,
  archiveNote: "",
  createdAt: AT,
  updatedAt: AT
}))

export const activityRow = build<"activities">(() => ({
  title: "党史宣讲进社区",
  category: "party-story",
  format: "party-class",
  description: "",
  organizerId: null,
  partnerIds: [],
  regionCode: "320902",
  channel: "offline",
  venue: "亭湖区文化馆",
  startsAt: "2024-04-01T09:00",
  endsAt: "2024-04-01T11:00",
  volunteersNeeded: 5,
  requiredExpertise: [],
  beneficiaryGroup: "",
  beneficiaryCount: 0,
  brandProjectId: null,
  riskLevel: "low",
  safetyPlan: null,
  status: "draft",
  cancelReason: "",
  publishedAt: null,
  completedAt: null,
  createdAt: AT,
  updatedAt: AT
}))

export const participationRow = build<"participations">(() => ({
  activityId: "a-1",
  volunteerId: "v-1",
  regionCode: "320902",
  status: "signed-up",
  role: "",
  hours: null,
  feedback: "",
  verifiedBy: null,
  recordedAt: null,
  recordedLate: false,
  overrideReason: null,
  signedUpAt: AT,
  confirmedAt: null,
  withdrawnAt: null,
  createdAt: AT,
  updatedAt: AT
}))

export const serviceHourRow = build<"service-hours">(() => ({
  volunteerId: "v-1",
  regionCode: "320902",
  category: "party-story",
  source: "attendance",
  participationId: null,
  pairingId: null,
  checkInId: null,
  serviceDate: "2024-04-01",
  hours: 2,
  reason: "",
  recordedBy: "u-1",
  recordedAt: AT,
  late: false
}))

export const pairingRow = build<"pairings">(() => ({
  mentorId: "v-1",
  menteeType: "pupil",
  menteeName: "小明",
  menteeUnit: "盐城市第一小学",
  guardianContact: "13900000000",
  beneficiaryOrganizationId: null,
  regionCode: "320902",
  category: "new-generation",
  goals: "",
  status: "proposed",
  startedOn: null,
  endedOn: null,
  endReason: null,
  endNote: "",
  createdAt: AT,
  updatedAt: AT
}))

export const pairingCheckInRow = build<"pairing-check-ins">(() => ({
  pairingId: "p-1",
  regionCode: "320902",
  date: "2024-04-01",
  hours: 1.5,
  mode: "in-person",
  notes: "",
  recordedBy: "u-1",
  createdAt: AT
}))

export const experienceReportRow = build<"experience-reports">(() => ({
  title: "乡音讲党史的做法",
  category: "party-story",
  regionCode: "320902",
  body: "用方言讲党史，群众听得懂。",
  activityIds: [],
  status: "draft",
  reviewerNotes: "",
  featured: false,
  authorId: "u-1",
  submittedAt: null,
  reviewedAt: null,
  publishedAt: null,
  createdAt: AT,
  updatedAt: AT
}))

export const brandProjectRow = build<"brand-projects">(() => ({
  name: "银发宣讲团",
  description: "",
  category: "party-story",
  ownerOrganizationId: null,
  regionCode: "320902",
  yearStarted: 2021,
  createdAt: AT,
  updatedAt: AT
}))

export const exemplarRow = build<"exemplars">(() => ({
  volunteerId: "v-1",
  level: "city",
  year: 2024,
  title: "优秀银发志愿者",
  citation: "长期坚持宣讲。",
  regionCode: "320902",
  createdAt: AT,
  updatedAt: AT
}))

export const userRow = build<"users">((id) => ({
  username: slugOf("u", id),
  displayName: "亭湖区管理员",
  role: "region-admin",
  regionCode: "320902",
  active: true,
  passwordHash: "scrypt$not-a-real-hash",
  createdAt: AT,
  updatedAt: AT
}))

export const auditEntryRow = build<"audit-log">(() => ({
  at: AT,
  actorId: "u-1",
  actorName: "亭湖区管理员",
  actorRole: "region-admin",
  resource: "volunteers",
  recordId: "v-1",
  action: "create",
  regionCode: "320902",
  changes: {},
  note: ""
}))

export const sessionRow = build<"sessions">((id) => ({
  tokenHash: `hash-${id}`,
  userId: "u-1",
  expiresAt: "2024-03-08T08:00:00Z",
  createdAt: AT
}))

export const certificateRow = build<"certificates">((id) => ({
  certificateNumber: `ZM-${id}`,
  volunteerId: "v-1",
  regionCode: "320902",
  volunteerName: "王建国",
  volunteerNumber: "YF-v-1",
  maskedIdNumber: null,
  totalHours: 12.5,
  starLevel: 1,
  serviceSummary: "",
  periodFrom: null,
  periodTo: null,
  issuer: "盐城市委老干部局",
  issuedBy: "u-1",
  issuedOn: "2024-04-01",
  createdAt: AT
}))

/** Every builder by resource name, for tests that go over all resources. */
export const ROW_BUILDERS: { readonly [R in ResourceName]: (id: string, overrides?: RowOverrides<R>) => RowOf<R> } = {
  regions: regionRow,
  organizations: organizationRow,
  volunteers: volunteerRow,
  activities: activityRow,
  participations: participationRow,
  "service-hours": serviceHourRow,
  pairings: pairingRow,
  "pairing-check-ins": pairingCheckInRow,
  "experience-reports": experienceReportRow,
  "brand-projects": brandProjectRow,
  exemplars: exemplarRow,
  users: userRow,
  "audit-log": auditEntryRow,
  sessions: sessionRow,
  certificates: certificateRow
}
