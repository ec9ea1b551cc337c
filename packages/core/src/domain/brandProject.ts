import { Schema } from "effect"
import { Category } from "./categories.js"
import { BrandProjectId, OrganizationId, RegionCode } from "./ids.js"
import { Instant, NonEmptyText, OptionalText } from "./primitives.js"

const Year = Schema.Int.pipe(Schema.between(1949, 2100, { message: () => "validation.year" }))

const editable = {
  name: NonEmptyText(100),
  description: OptionalText(5000),
  category: Category,
  ownerOrganizationId: Schema.NullOr(OrganizationId),
  regionCode: RegionCode,
  yearStarted: Year
}

/** A named, long-running programme (品牌项目) grouping activities. */
export const BrandProject = Schema.Struct({ id: BrandProjectId, ...editable, createdAt: Instant, updatedAt: Instant })
export type BrandProject = typeof BrandProject.Type

export const BrandProjectCreate = Schema.Struct({
  ...editable,
  description: Schema.optionalWith(editable.description, { default: () => "" }),
  ownerOrganizationId: Schema.optionalWith(editable.ownerOrganizationId, { default: () => null })
})
export type BrandProjectCreate = typeof BrandProjectCreate.Type

export const BrandProjectUpdate = Schema.partial(Schema.Struct(editable))
export type BrandProjectUpdate = typeof BrandProjectUpdate.Type

export { Year }
