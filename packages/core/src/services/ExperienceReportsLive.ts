import type { StatusAction } from "../i18n/index.js"
import { Effect, Layer } from "effect"
import { CurrentActor, requireCityAdmin, requireWriter } from "../actor.js"
import {
  ExperienceReportCreate,
  ExperienceReportUpdate,
  ReportPublish,
  ReportReturn,
  type ReportStatus
} from "../domain/experienceReport.js"
import { type ExperienceReportId, newId, type UserId } from "../domain/ids.js"
import { invalid } from "../errors.js"
import { Store } from "../ports/Store.js"
import { nowInstant } from "../time.js"
import {
  decodeInput,
  getManyScoped,
  getScoped,
  insertAudited,
  listScoped,
  removeAudited,
  requireRegion,
  requireStatus,
  requireWriteRow,
  updateAudited,
  writableInStatus
} from "./internal/crud.js"
import { ExperienceReports } from "./ExperienceReports.js"
import { captureDeps } from "./ResourceService.js"

const describeReport = (status: ReportStatus, action: StatusAction) => `report is ${status}; cannot ${action}`

/** A report tells of its own region's work, so it may cite only that region's activities. */
const requireActivitiesIn = (regionCode: string, activityIds: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    if (activityIds.length === 0) return
    const store = yield* Store
    const found = yield* store.getMany("activities", activityIds)
    const ok = new Set<string>(found.filter((a) => a.regionCode === regionCode).map((a) => a.id))
    const missing = activityIds.filter((id) => !ok.has(id))
    if (missing.length > 0)
      return yield* Effect.fail(
        invalid("activityIds", "validation.reportActivities", `activities not in region ${regionCode}: ${missing.join(", ")}`)
      )
  })

const unique = <A>(xs: ReadonlyArray<A>): Array<A> => [...new Set(xs)]

export const ExperienceReportsLive = Layer.effect(
  ExperienceReports,
  Effect.gen(function* () {
    const provide = yield* captureDeps

    /** A report its region's admin (or a city admin) may write, in a state the action starts from. */
    const writable = (id: string, allowed: ReadonlyArray<ReportStatus>, action: StatusAction) =>
      writableInStatus("experience-reports", id, allowed, action, describeReport)

    /**
     * Reviewing belongs to the city bureau's Function Department, never to the submitting region:
     * the right comes from the actor's role, not from the report's region, so `writableInStatus`
     * (which asks whether the actor may write the row) would let the region's own admin review.
     */
    const reviewable = (id: string, allowed: ReadonlyArray<ReportStatus>, action: StatusAction) =>
      Effect.gen(function* () {
        const actor = yield* CurrentActor
        const report = yield* getScoped("experience-reports", id)
        yield* requireWriter(actor)
        yield* requireCityAdmin(actor)
        yield* requireStatus("experience-reports", report, allowed, action, describeReport)
        return report
      })

    return {
      list: (query) => provide(listScoped("experience-reports", query)),
      get: (id) => provide(getScoped("experience-reports", id)),
      getMany: (ids) => provide(getManyScoped("experience-reports", ids)),
      create: (input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const command = yield* decodeInput(ExperienceReportCreate, input)
            yield* requireWriteRow(actor, "experience-reports", command)
            yield* requireRegion("regionCode", command.regionCode)
            const activityIds = unique(command.activityIds)
            yield* requireActivitiesIn(command.regionCode, activityIds)
            const now = yield* nowInstant
            return yield* insertAudited("experience-reports", {
              id: newId() as ExperienceReportId,
              ...command,
              activityIds,
              status: "draft",
              reviewerNotes: "",
              featured: false,
              authorId: actor.userId as UserId,
              submittedAt: null,
              reviewedAt: null,
              publishedAt: null,
              createdAt: now,
              updatedAt: now
            })
          })
        ),
      update: (id, input) =>
        provide(
          Effect.gen(function* () {
            const actor = yield* CurrentActor
            const before = yield* writable(id, ["draft", "returned"], "update")
            const decoded = yield* decodeInput(ExperienceReportUpdate, input)
            const patch = decoded.activityIds ? { ...decoded, activityIds: unique(decoded.activityIds) } : decoded
            const after = { ...before, ...patch }
            yield* requireWriteRow(actor, "experience-reports", after)
            if (patch.regionCode) yield* requireRegion("regionCode", patch.regionCode)
            // Moving a report to another region can orphan its activities, so check them whenever either changes.
            if (patch.regionCode || patch.activityIds) yield* requireActivitiesIn(after.regionCode, after.activityIds)
            return yield* updateAudited("experience-reports", before, { ...patch, updatedAt: yield* nowInstant })
          })
        ),
      remove: (id) =>
        provide(
          Effect.gen(function* () {
            const report = yield* writable(id, ["draft"], "delete")
            return yield* removeAudited("experience-reports", report)
          })
        ),
      submit: (id) =>
        provide(
          Effect.gen(function* () {
            const report = yield* writable(id, ["draft", "returned"], "submit")
            const now = yield* nowInstant
            return yield* updateAudited(
              "experience-reports",
              report,
              { status: "submitted", submittedAt: now, updatedAt: now },
              { action: "submit" }
            )
          })
        ),
      accept: (id) =>
        provide(
          Effect.gen(function* () {
            const report = yield* reviewable(id, ["submitted"], "accept")
            const now = yield* nowInstant
            return yield* updateAudited(
              "experience-reports",
              report,
              { status: "accepted", reviewedAt: now, updatedAt: now },
              { action: "accept" }
            )
          })
        ),
      return: (id, input) =>
        provide(
          Effect.gen(function* () {
            const report = yield* reviewable(id, ["submitted"], "return")
            const { notes } = yield* decodeInput(ReportReturn, input)
            const now = yield* nowInstant
            return yield* updateAudited(
              "experience-reports",
              report,
              { status: "returned", reviewerNotes: notes, reviewedAt: now, updatedAt: now },
              { action: "return", note: notes }
            )
          })
        ),
      publish: (id, input) =>
        provide(
          Effect.gen(function* () {
            const report = yield* reviewable(id, ["accepted"], "publish")
            const { featured } = yield* decodeInput(ReportPublish, input)
            const now = yield* nowInstant
            return yield* updateAudited(
              "experience-reports",
              report,
              { status: "published", featured, publishedAt: now, updatedAt: now },
              { action: "publish" }
            )
          })
        )
    }
  })
)
