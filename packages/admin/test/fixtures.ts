import { residentIdCheckChar, YANCHENG_REGIONS } from "@yinfa/core"
import { type AuthProvider, type DataProvider, HttpError, memoryStore } from "react-admin"
import { canAccessFor, type YinfaPermissions } from "../src/providers/authProvider.js"
import type { YinfaDataProvider } from "../src/providers/dataProvider.js"

/** A valid resident ID (check digit computed), and the same with a wrong check digit. */
export const validId = (() => {
  const first17 = "32090219560312001"
  return first17 + residentIdCheckChar(first17)
})()
export const wrongCheckDigitId = validId.slice(0, 17) + (validId[17] === "0" ? "1" : "0")

const now = "2025-03-01T08:00:00.000Z"

export const volunteer = (id: string, name: string, extra: object = {}) => ({
  id,
  volunteerNumber: `YC2025${id.padStart(5, "0")}`,
  name,
  gender: "male",
  birthDate: "1956-03-12",
  idNumber: "3209**********0017",
  phone: "138****0000",
  regionCode: "320902",
  formerUnit: "亭湖区农业农村局",
  formerPosition: "副局长",
  retirementType: "tuixiu",
  partyMember: true,
  partyBranchId: null,
  expertise: ["agri-tech"],
  expertiseYears: { "agri-tech": 30 },
  interests: ["rural-revitalization"],
  talentPool: true,
  fitness: null,
  monthlyHours: 8,
  channels: ["online", "offline"],
  consentAt: now,
  healthDataConsentAt: null,
  joinedAt: "2025-03-01",
  status: "active",
  archiveReason: null,
  archiveNote: "",
  createdAt: now,
  updatedAt: now,
  ...extra
})

export const activity = (id: string, title: string, extra: object = {}) => ({
  id,
  title,
  category: "rural-revitalization",
  format: "technical-guidance",
  description: "",
  organizerId: null,
  partnerIds: [],
  regionCode: "320902",
  channel: "offline",
  venue: "新洋街道",
  startsAt: "2025-04-10T09:00",
  endsAt: "2025-04-10T11:30",
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
  createdAt: now,
  updatedAt: now,
  ...extra
})

type Db = Record<string, Array<Record<string, any>>>

export const seed = (): Db => ({
  regions: YANCHENG_REGIONS.map((r) => ({ ...r })),
  volunteers: [volunteer("1", "王建国"), volunteer("2", "李秀英", { gender: "female", regionCode: "320903" })],
  activities: [activity("a1", "果树修剪技术指导")],
  organizations: [],
  participations: [],
  pairings: [],
  "audit-log": [],
  "brand-projects": []
})

const matches = (row: Record<string, any>, filter: Record<string, any>) =>
  Object.entries(filter).every(([k, v]) => {
    if (k === "q") return JSON.stringify(row).includes(String(v))
    if (Array.isArray(v)) return v.map(String).includes(String(row[k]))
    if (k.endsWith("_inc")) return (row[k.slice(0, -4)] ?? []).includes(v)
    return row[k] === v
  })

/**
 * A small in-memory data provider speaking react-admin's interface (the real one speaks HTTP to
 * the server). Filters: equality, arrays as IN, `_inc` and `q` — enough for the screens tested.
 */
export const fakeDataProvider = (db: Db = seed(), overrides: Partial<YinfaDataProvider> = {}): YinfaDataProvider => {
  const table = (r: string) => (db[r] ??= [])
  const provider: YinfaDataProvider = {
    getList: async (resource, { filter = {}, pagination = { page: 1, perPage: 25 } }) => {
      const rows = table(resource).filter((r) => matches(r, filter))
      const start = (pagination.page - 1) * pagination.perPage
      return { data: rows.slice(start, start + pagination.perPage) as any, total: rows.length }
    },
    getOne: async (resource, { id }) => {
      const row = table(resource).find((r) => String(r.id) === String(id))
      if (!row) throw new HttpError("记录不存在", 404, { message: "记录不存在" })
      return { data: row as any }
    },
    getMany: async (resource, { ids }) => ({ data: table(resource).filter((r) => ids.map(String).includes(String(r.id))) as any }),
    getManyReference: async (resource, { target, id, filter = {} }) => {
      const rows = table(resource).filter((r) => String(r[target]) === String(id) && matches(r, filter))
      return { data: rows as any, total: rows.length }
    },
    create: async (resource, { data }) => {
      const row = { id: String(table(resource).length + 100), ...data }
      table(resource).push(row)
      return { data: row as any }
    },
    update: async (resource, { id, data }) => {
      const row = table(resource).find((r) => String(r.id) === String(id))!
      Object.assign(row, data)
      return { data: row as any }
    },
    updateMany: async () => ({ data: [] }),
    delete: async (resource, { id }) => {
      const i = table(resource).findIndex((r) => String(r.id) === String(id))
      const [row] = table(resource).splice(i, 1)
      return { data: row as any }
    },
    deleteMany: async () => ({ data: [] }),
    action: async (resource, id) => ({ data: table(resource).find((r) => String(r.id) === String(id)) as any }),
    candidates: async () => ({ data: [] }),
    serviceRecord: async (id) => ({
      data: {
        volunteerId: String(id),
        totalHours: 320.5,
        starLevel: 2,
        hoursToNextStar: 279.5,
        activitiesAttended: 41,
        checkInHours: 12,
        firstServiceDate: "2025-03-02",
        lastServiceDate: "2025-10-01",
        byCategory: [{ category: "rural-revitalization", hours: 300.5 }]
      }
    }),
    sensitive: async (id) => ({ data: { id, idNumber: validId, phone: "13800000000" } }),
    issueCertificate: async (volunteerId) => {
      const row = { id: `c${table("certificates").length + 1}`, certificateNumber: "YF2025-000001-ABCD", volunteerId, totalHours: 12 }
      table("certificates").push(row)
      return { data: row as any }
    },
    stats: async () => ({ data: [] as any }),
    auditChanges: async (id) => {
      const entry = table("audit-log").find((r) => String(r.id) === String(id))
      if (!entry) throw new HttpError("记录不存在", 404, { message: "记录不存在" })
      // The stored changes as they are: tests that need the server's words pass their own.
      return {
        data: Object.entries((entry.changes ?? {}) as Record<string, { before: unknown; after: unknown }>).map(([field, c]) => ({
          field,
          label: field,
          before: c.before === null ? null : String(c.before),
          after: String(c.after)
        }))
      }
    },
    ...overrides
  }
  return provider
}

export const users = {
  city: { id: "u1", username: "city", displayName: "市局管理员", role: "city-admin", regionCode: null },
  region: { id: "u2", username: "tinghu", displayName: "亭湖区管理员", role: "region-admin", regionCode: "320902" },
  viewer: { id: "u3", username: "viewer", displayName: "只读用户", role: "viewer", regionCode: "320902" }
} as const

/** Signed in as one of the test users; role rules are the real ones (canAccessFor). */
export const fakeAuthProvider = (user: (typeof users)[keyof typeof users]): AuthProvider => {
  const permissions: YinfaPermissions = { role: user.role, regionCode: user.regionCode }
  return {
    login: async () => undefined,
    logout: async () => undefined,
    checkAuth: async () => undefined,
    checkError: async () => undefined,
    getIdentity: async () => ({ id: user.id, fullName: user.displayName }),
    getPermissions: async () => permissions,
    canAccess: async ({ resource, action }) => canAccessFor(permissions, resource, action)
  }
}

export const freshStore = () => memoryStore()
export type { DataProvider }
