import { Effect } from "effect"
import type { Activity } from "../src/domain/activity.js"
import type { ExperienceReport } from "../src/domain/experienceReport.js"
import type { Pairing } from "../src/domain/pairing.js"
import type { Participation } from "../src/domain/participation.js"
import type { ServiceHour } from "../src/domain/serviceHour.js"
import type { Volunteer } from "../src/domain/volunteer.js"
import { Store } from "../src/ports/Store.js"
import type { ResourceName, RowOf } from "../src/resources.js"

/**
 * Stored rows for the matching and reporting tests, written straight into the store so that the
 * tests do not depend on the services that normally create them. Every builder takes the fields
 * a test cares about and fills the rest with plain defaults.
 */
const STAMP = "2024-01-01T00:00:00.000Z"
let counter = 0
const nextId = (prefix: string) => `${prefix}-${++counter}`

type Overrides<A> = { readonly [K in keyof A]?: A[K] | string }

export const volunteerRow = (o: Overrides<Volunteer> = {}): Volunteer => {
  const id = o.id ?? nextId("v")
  return {
    id,
    volunteerNumber: `YC${String(++counter).padStart(10, "0")}`,
    name: "志愿者",
    gender: "male",
    birthDate: "1955-06-01",
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
    consentAt: STAMP,
    healthDataConsentAt: null,
    joinedAt: "2023-01-01",
    status: "active",
    archiveReason: null,
    archiveNote: "",
    createdAt: STAMP,
    updatedAt: STAMP,
    ...o
  } as Volunteer
}

export const activityRow = (o: Overrides<Activity> = {}): Activity =>
  ({
    id: nextId("a"),
    title: "活动",
    category: "party-story",
    format: "party-class",
    description: "",
    organizerId: null,
    partnerIds: [],
    regionCode: "320902",
    channel: "offline",
    venue: "会议室",
    startsAt: "2024-03-10T09:00",
    endsAt: "2024-03-10T11:00",
    volunteersNeeded: 5,
    requiredExpertise: [],
    beneficiaryGroup: "",
    beneficiaryCount: 0,
    brandProjectId: null,
    riskLevel: "low",
    safetyPlan: null,
    status: "completed",
    cancelReason: "",
    publishedAt: STAMP,
    completedAt: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...o
  }) as Activity

export const participationRow = (o: Overrides<Participation> & Pick<Participation, "activityId" | "volunteerId">): Participation =>
  ({
    id: nextId("p"),
    regionCode: "320902",
    status: "confirmed",
    role: "",
    hours: null,
    feedback: "",
    verifiedBy: null,
    recordedAt: null,
    recordedLate: false,
    overrideReason: null,
    signedUpAt: STAMP,
    confirmedAt: STAMP,
    withdrawnAt: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...o
  }) as Participation

export const hourRow = (o: Overrides<ServiceHour> & Pick<ServiceHour, "volunteerId" | "hours" | "serviceDate">): ServiceHour =>
  ({
    id: nextId("h"),
    regionCode: "320902",
    category: "party-story",
    source: "attendance",
    participationId: null,
    pairingId: null,
    checkInId: null,
    reason: "",
    recordedBy: "u-city",
    recordedAt: STAMP,
    late: false,
    ...o
  }) as ServiceHour

export const pairingRow = (o: Overrides<Pairing> & Pick<Pairing, "mentorId">): Pairing =>
  ({
    id: nextId("pr"),
    menteeType: "pupil",
    menteeName: "学生",
    menteeUnit: "",
    guardianContact: "13800000000",
    beneficiaryOrganizationId: null,
    regionCode: "320902",
    category: "new-generation",
    goals: "",
    status: "active",
    startedOn: "2024-01-15",
    endedOn: null,
    endReason: null,
    endNote: "",
    createdAt: STAMP,
    updatedAt: STAMP,
    ...o
  }) as Pairing

export const reportRow = (o: Overrides<ExperienceReport> = {}): ExperienceReport =>
  ({
    id: nextId("r"),
    title: "经验",
    category: "party-story",
    regionCode: "320902",
    body: "正文",
    activityIds: [],
    status: "submitted",
    reviewerNotes: "",
    featured: false,
    authorId: "u-tinghu",
    submittedAt: null,
    reviewedAt: null,
    publishedAt: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...o
  }) as ExperienceReport

/** Inserts rows of one resource; a clash is a mistake in the test data. */
export const insertAll = <R extends ResourceName>(resource: R, rows: ReadonlyArray<RowOf<R>>) =>
  Effect.gen(function* () {
    const store = yield* Store
    yield* Effect.forEach(rows, (row) => Effect.orDie(store.insert(resource, row)), { discard: true })
  })
