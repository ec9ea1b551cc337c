import { Effect } from "effect"
import type { Activity } from "../src/domain/activity.js"
import { type ActivityId, newId, type OrganizationId, type RegionCode, type VolunteerId } from "../src/domain/ids.js"
import type { Organization } from "../src/domain/organization.js"
import type { Volunteer } from "../src/domain/volunteer.js"
import { Store } from "../src/ports/Store.js"

/**
 * Rows written straight into the store, so that pairing and report tests do not depend on the
 * Volunteers, Organizations or Activities services.
 */
const stamp = "2026-01-01T00:00:00.000Z"

export const volunteerRow = (overrides: Partial<Volunteer> = {}): Volunteer => ({
  id: newId() as VolunteerId,
  volunteerNumber: `YC-${newId().slice(-12)}`,
  name: "王建国",
  gender: "male",
  birthDate: "1958-05-01",
  idNumber: null,
  phone: null,
  regionCode: "320902" as RegionCode,
  formerUnit: "亭湖区教育局",
  formerPosition: "副局长",
  retirementType: "tuixiu",
  partyMember: true,
  partyBranchId: null,
  expertise: [],
  expertiseYears: {},
  interests: ["new-generation"],
  talentPool: false,
  fitness: null,
  monthlyHours: 8,
  channels: ["online", "offline"],
  consentAt: stamp,
  healthDataConsentAt: null,
  joinedAt: "2026-01-01",
  status: "active",
  archiveReason: null,
  archiveNote: "",
  createdAt: stamp,
  updatedAt: stamp,
  ...overrides
})

export const organizationRow = (overrides: Partial<Organization> = {}): Organization => ({
  id: newId() as OrganizationId,
  name: "亭湖区某科技企业",
  kind: "beneficiary",
  regionCode: "320902" as RegionCode,
  contactName: "",
  contactPhone: null,
  address: "",
  createdAt: stamp,
  updatedAt: stamp,
  ...overrides
})

export const activityRow = (overrides: Partial<Activity> = {}): Activity => ({
  id: newId() as ActivityId,
  title: "红色故事进校园",
  category: "party-story",
  format: "专题报告",
  description: "",
  organizerId: null,
  partnerIds: [],
  regionCode: "320902" as RegionCode,
  channel: "online",
  venue: "",
  startsAt: "2026-02-01T09:00",
  endsAt: "2026-02-01T11:00",
  volunteersNeeded: 2,
  requiredExpertise: [],
  beneficiaryGroup: "",
  beneficiaryCount: 0,
  brandProjectId: null,
  riskLevel: "low",
  safetyPlan: null,
  status: "completed",
  cancelReason: "",
  publishedAt: stamp,
  completedAt: stamp,
  createdAt: stamp,
  updatedAt: stamp,
  ...overrides
})

export const insertVolunteer = (overrides: Partial<Volunteer> = {}) =>
  Effect.flatMap(Store, (store) => Effect.orDie(store.insert("volunteers", volunteerRow(overrides))))

export const insertOrganization = (overrides: Partial<Organization> = {}) =>
  Effect.flatMap(Store, (store) => Effect.orDie(store.insert("organizations", organizationRow(overrides))))

export const insertActivity = (overrides: Partial<Activity> = {}) =>
  Effect.flatMap(Store, (store) => Effect.orDie(store.insert("activities", activityRow(overrides))))

/** Every stored row of the resources a test touches, to show that a refused call wrote nothing. */
export const snapshot = (
  ...resources: ReadonlyArray<"pairings" | "pairing-check-ins" | "service-hours" | "experience-reports" | "audit-log">
) =>
  Effect.gen(function* () {
    const store = yield* Store
    return yield* Effect.forEach(resources, (r) => store.list(r, { filters: [], sort: [] }).pipe(Effect.map((l) => l.rows)))
  })
