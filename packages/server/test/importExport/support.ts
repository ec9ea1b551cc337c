import { MemoryStoreLive } from "@yinfa/adapters/memory"
import {
  type ActivityId,
  type Actor,
  CurrentActor,
  residentIdCheckChar,
  Store,
  type StoreService,
  systemActor,
  type RegionCode,
  type Volunteer,
  YANCHENG_REGIONS,
  YinfaConfig,
  YinfaServicesLive
} from "@yinfa/core"
import { Writable } from "node:stream"
import ExcelJS from "exceljs"
import { Effect, Layer, TestClock } from "effect"
import { exportList } from "../../src/importExport/exportList.js"

export const cityAdmin: Actor = { ...systemActor, userId: "u-city", username: "admin", displayName: "市局管理员" }
export const tinghuAdmin: Actor = {
  userId: "u-tinghu",
  username: "tinghu",
  displayName: "亭湖区管理员",
  role: "region-admin",
  regionCode: "320902"
}
export const yanduAdmin: Actor = {
  userId: "u-yandu",
  username: "yandu",
  displayName: "盐都区管理员",
  role: "region-admin",
  regionCode: "320903"
}
export const viewer: Actor = { userId: "u-viewer", username: "viewer", displayName: "查看员", role: "viewer", regionCode: null }

export const as = (actor: Actor) => Effect.provideService(CurrentActor, actor)

const seedRegions = Effect.gen(function* () {
  const store = yield* Store
  yield* Effect.forEach(YANCHENG_REGIONS, (r) => Effect.orDie(store.insert("regions", r)), { discard: true })
})

/**
 * All core services over a memory store with
 * the Yancheng regions; `wrap` lets a test decorate the store (to make it die mid-import).
 */
export const testLayer = (wrap: (store: StoreService) => StoreService = (s) => s) => {
  const store = Layer.effect(Store, Effect.map(Store, wrap)).pipe(Layer.provide(MemoryStoreLive))
  const base = Layer.effectDiscard(seedRegions).pipe(Layer.provideMerge(Layer.merge(store, YinfaConfig.layer())))
  return YinfaServicesLive.pipe(Layer.provideMerge(base))
}

/** 2026-03-20 10:00 in Yancheng. */
export const atMarch20 = TestClock.setTime(Date.parse("2026-03-20T02:00:00Z"))

/** A valid resident ID for a birth date (YYYYMMDD) and a sequence (3 digits, odd for men). */
export const residentId = (region: string, birth: string, seq: string) => {
  const first17 = `${region}${birth}${seq}`
  return first17 + residentIdCheckChar(first17)
}

/** An .xlsx built with exceljs: rows of cell values, the first being the header. */
export const xlsx = async (
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  build?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void
): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet("名册")
  for (const r of rows) sheet.addRow([...r])
  build?.(sheet, workbook)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/**
 * The bytes with the size the zip's central directory declares for `part` once decompressed
 * replaced by `size` (the data itself unchanged): how a crafted file lies about its parts.
 */
export const declaringSize = (bytes: Uint8Array, part: string, size: number): Uint8Array => {
  const out = Buffer.from(bytes)
  const name = Buffer.from(part)
  for (let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
    const length = out.readUInt16LE(p + 28)
    if (out.subarray(p + 46, p + 46 + length).equals(name)) {
      out.writeUInt32LE(size, p + 24)
      return new Uint8Array(out)
    }
  }
  throw new Error(`no ${part} in the zip's directory`)
}

/** Every header of the roster template, in its order (written out: tests compare the template with it). */
export const ROSTER_HEADERS = [
  "姓名",
  "性别",
  "出生日期",
  "身份证号码",
  "手机号码",
  "所属辖区",
  "原单位",
  "原职务",
  "离休/退休",
  "是否党员",
  "专长领域",
  "服务意向",
  "是否入库人才库",
  "身体状况",
  "每月可服务时长",
  "可接受服务方式",
  "同意时间",
  "健康信息同意时间",
  "加入日期"
]

/** The fields of a volunteer that a roster carries (what an export → import round trip must keep). */
export const rosterFields = (v: Volunteer) => ({
  name: v.name,
  gender: v.gender,
  birthDate: v.birthDate,
  idNumber: v.idNumber,
  phone: v.phone,
  regionCode: v.regionCode,
  formerUnit: v.formerUnit,
  formerPosition: v.formerPosition,
  retirementType: v.retirementType,
  partyMember: v.partyMember,
  expertise: v.expertise,
  expertiseYears: v.expertiseYears,
  interests: v.interests,
  talentPool: v.talentPool,
  fitness: v.fitness,
  monthlyHours: v.monthlyHours,
  channels: v.channels,
  consentAt: v.consentAt,
  healthDataConsentAt: v.healthDataConsentAt,
  joinedAt: v.joinedAt
})

/** A shorter roster (the columns most tests need), for `person`. */
export const HEADER = [
  "姓名",
  "性别",
  "出生日期",
  "身份证号码",
  "手机号码",
  "所属辖区",
  "原单位",
  "是否党员",
  "专长领域",
  "服务意向",
  "身体状况",
  "健康信息同意时间",
  "同意时间"
]

/** A roster row under HEADER. */
export const person = (n: number, overrides: Partial<Record<(typeof HEADER)[number], unknown>> = {}) => {
  const birth = `19${50 + (n % 10)}0${1 + (n % 9)}1${n % 10}`
  const id = residentId("320902", birth, String(100 + ((n * 2 + 1) % 900)).padStart(3, "0"))
  const row: Record<string, unknown> = {
    姓名: `志愿者${n}`,
    性别: "",
    出生日期: "",
    身份证号码: id,
    手机号码: `138${String(n).padStart(8, "0")}`,
    所属辖区: "亭湖区",
    原单位: "亭湖区农业农村局",
    是否党员: "是",
    专长领域: "农业科技（30年）",
    服务意向: "乡村振兴",
    身体状况: "",
    健康信息同意时间: "",
    同意时间: "2021-03-08",
    ...overrides
  }
  return HEADER.map((h) => row[h])
}

/** Under way at 2026-03-20 10:00 (atMarch20): started, so attendance can be recorded; not ended, so sign-ups are open. */
export const activity = (id: string, overrides: Record<string, unknown> = {}) => ({
  id: id as ActivityId,
  title: "便仓镇农技指导",
  category: "rural-revitalization" as const,
  format: "technical-guidance",
  description: "",
  organizerId: null,
  partnerIds: [],
  regionCode: "320902" as RegionCode,
  channel: "online" as const,
  venue: "",
  startsAt: "2026-03-20T09:00",
  endsAt: "2026-03-20T12:00",
  volunteersNeeded: 10,
  requiredExpertise: [],
  beneficiaryGroup: "",
  beneficiaryCount: 30,
  brandProjectId: null,
  riskLevel: "low" as const,
  safetyPlan: null,
  status: "published" as const,
  cancelReason: "",
  publishedAt: "2026-03-01T00:00:00.000Z",
  completedAt: null,
  createdAt: "2026-03-01T00:00:00.000Z",
  updatedAt: "2026-03-01T00:00:00.000Z",
  ...overrides
})

/** A Writable that keeps what it is given (an export's output). */
export const sink = () => {
  const chunks: Array<Buffer> = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(Buffer.from(chunk))
      done()
    }
  })
  return { stream, bytes: () => new Uint8Array(Buffer.concat(chunks)) }
}

/** An export's result and the bytes it wrote. */
export const exportBytes = (resource: string, options: Parameters<typeof exportList>[2]) =>
  Effect.gen(function* () {
    const out = sink()
    const result = yield* exportList(resource, out.stream, options)
    return { ...result, bytes: out.bytes() }
  })

/** The first sheet of a workbook: its name and its rows' values. */
export const firstSheet = (bytes: Uint8Array) =>
  Effect.promise(async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as never)
    const sheet = workbook.worksheets[0]
    const rows: Array<Array<unknown>> = []
    sheet.eachRow((row) => rows.push((row.values as Array<unknown>).slice(1)))
    return { title: sheet.name, rows }
  })
