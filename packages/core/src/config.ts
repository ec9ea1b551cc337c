import { Context, Layer } from "effect"
import { CHINA_UTC_OFFSET_MINUTES } from "./cityClock.js"
import { CATEGORIES, type CategoryDef } from "./domain/categories.js"

/** What a deployment may tune. Everything has a default from the plan or common practice. */
export interface YinfaConfigShape {
  /** Verified hours for 1★…5★ (志愿者星级). */
  readonly starThresholds: ReadonlyArray<number>
  /** Active pairings one mentor may hold at once. */
  readonly maxActivePairingsPerMentor: number
  /** Hours recorded later than this many working days after the activity are flagged (§11). */
  readonly lateRecordingWorkingDays: number
  /** Public holidays (YYYY-MM-DD) that are not working days. */
  readonly holidays: ReadonlyArray<string>
  /** Weekend days that are working days (调休). */
  readonly extraWorkingDays: ReadonlyArray<string>
  /** The five categories with this city's formats. */
  readonly categories: ReadonlyArray<CategoryDef>
  /** Prefix of unified volunteer numbers, e.g. YC → YC2026000001. */
  readonly volunteerNumberPrefix: string
  /** Offset of the city's wall clock from UTC, in minutes (China: +480). */
  readonly utcOffsetMinutes: number
}

export const defaultConfig: YinfaConfigShape = {
  starThresholds: [100, 300, 600, 1000, 1500],
  maxActivePairingsPerMentor: 3,
  lateRecordingWorkingDays: 10,
  holidays: [],
  extraWorkingDays: [],
  categories: CATEGORIES,
  volunteerNumberPrefix: "YC",
  utcOffsetMinutes: CHINA_UTC_OFFSET_MINUTES
}

export class YinfaConfig extends Context.Tag("@yinfa/core/YinfaConfig")<YinfaConfig, YinfaConfigShape>() {
  static readonly layer = (overrides: Partial<YinfaConfigShape> = {}) => Layer.succeed(YinfaConfig, { ...defaultConfig, ...overrides })
  static readonly Default = YinfaConfig.layer()
}
