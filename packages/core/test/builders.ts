import type { Activity } from "../src/domain/activity.js"
import { type ActivityId, newId, type RegionCode, type ServiceHourId, type UserId, type VolunteerId } from "../src/domain/ids.js"
import type { ServiceHour } from "../src/domain/serviceHour.js"
import type { Volunteer } from "../src/domain/volunteer.js"

/**
 * Complete stored rows for tests that insert straight into the store (bypassing the services'
 * rules on purpose). Defaults: Tinghu (320902), in March 2026 — after the TestClock's epoch start.
 */
let volunteerCount = 0

export const volunteerRow = (overrides: Partial<Volunteer> = {}): Volunteer => {
  volunteerCount += 1
  return {
    id: newId() as VolunteerId,
    volunteerNumber: `YC2026${String(volunteerCount).padStart(6, "0")}`,
    name: `志愿者${volunteerCount}`,
    gender: "male",
    birthDate: "1958-05-01",
    idNumber: null,
    phone: null,
    regionCode: "320902" as RegionCode,
    formerUnit: "",
    formerPosition: "",
    retirementType: "tuixiu",
    partyMember: true,
    partyBranchId: null,
    expertise: [],
    expertiseYears: {},
    interests: [],
    talentPool: false,
    fitness: "good",
    monthlyHours: 8,
    channels: ["online", "offline"],
    consentAt: "2025-01-01T00:00:00.000Z",
    healthDataConsentAt: "2025-01-01T00:00:00.000Z",
    joinedAt: "2025-01-01",
    status: "active",
    archiveReason: null,
    archiveNote: "",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    ...overrides
  }
}

/** A published, low-risk offline activity with a complete safety plan: 3 hours on 2026-03-10. */
export const activityRow = (overrides: Partial<Activity> = {}): Activity => ({
  id: newId() as ActivityId,
  title: "乡村振兴技术指导",
  category: "rural-revitalization",
  format: "technical-guidance",
  description: "",
  organizerId: null,
  partnerIds: [],
  regionCode: "320902" as RegionCode,
  channel: "offline",
  venue: "亭湖区便仓镇",
  startsAt: "2026-03-10T09:00",
  endsAt: "2026-03-10T12:00",
  volunteersNeeded: 10,
  requiredExpertise: [],
  beneficiaryGroup: "",
  beneficiaryCount: 0,
  brandProjectId: null,
  riskLevel: "low",
  safetyPlan: {
    medicalAid: "镇卫生院随队",
    transport: "统一乘车",
    insurer: "",
    insurancePolicyNumber: "",
    epidemicMeasures: "佩戴口罩",
    risksDisclosed: "户外日晒"
  },
  status: "published",
  cancelReason: "",
  publishedAt: "2026-01-01T00:00:00.000Z",
  completedAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...overrides
})

/** One attendance entry of the service-hour ledger; give it a `volunteerId`. */
export const serviceHourRow = (overrides: Partial<ServiceHour> & Pick<ServiceHour, "volunteerId">): ServiceHour => ({
  id: newId() as ServiceHourId,
  regionCode: "320902" as RegionCode,
  category: "rural-revitalization",
  source: "attendance",
  participationId: null,
  pairingId: null,
  checkInId: null,
  serviceDate: "2026-03-10",
  hours: 3,
  reason: "",
  recordedBy: "u-city" as UserId,
  recordedAt: "2026-03-10T08:00:00.000Z",
  late: false,
  ...overrides
})
