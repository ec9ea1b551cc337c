import { Schema } from "effect"
import { ExemplarId, RegionCode, VolunteerId } from "./ids.js"
import { Instant, NonEmptyText } from "./primitives.js"
import { Year } from "./brandProject.js"

export const ExemplarLevel = Schema.Literal("city", "county")
export type ExemplarLevel = typeof ExemplarLevel.Type

const editable = {
  volunteerId: VolunteerId,
  level: ExemplarLevel,
  year: Year,
  title: NonEmptyText(100),
  citation: NonEmptyText(5000)
}

/** A volunteer recognised (先进典型) at city or county level in a year. */
export const Exemplar = Schema.Struct({
  id: ExemplarId,
  ...editable,
  /** The volunteer's region, copied at recognition so scoping needs no join. */
  regionCode: RegionCode,
  createdAt: Instant,
  updatedAt: Instant
})
export type Exemplar = typeof Exemplar.Type

export const ExemplarCreate = Schema.Struct(editable)
export type ExemplarCreate = typeof ExemplarCreate.Type

export const ExemplarUpdate = Schema.partial(
  Schema.Struct({ level: editable.level, year: editable.year, title: editable.title, citation: editable.citation })
)
export type ExemplarUpdate = typeof ExemplarUpdate.Type
