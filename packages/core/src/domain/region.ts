import { Schema } from "effect"
import { RegionCode } from "./ids.js"
import { NonEmptyText } from "./primitives.js"

export const RegionKind = Schema.Literal("district", "county", "county-city", "zone", "city-level")
export type RegionKind = typeof RegionKind.Type

/** A county-level jurisdiction (县（市、区）), a development zone, or the city-level units (市直). */
export const Region = Schema.Struct({
  /** Same as `code`: every stored record has an `id`. */
  id: RegionCode,
  code: RegionCode,
  name: NonEmptyText(50),
  nameEn: Schema.String,
  kind: RegionKind,
  /** The city these belong to; not itself a region row. */
  parentCode: Schema.NullOr(Schema.String),
  /** Short latin name, used for the demo accounts and for file names. */
  slug: Schema.String.pipe(Schema.pattern(/^[a-z][a-z0-9-]{1,30}$/)),
  sortOrder: Schema.Int
})
export type Region = typeof Region.Type

export const RegionInput = Region.pipe(Schema.omit("id"))
export type RegionInput = typeof RegionInput.Type
