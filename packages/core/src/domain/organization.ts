import { Schema } from "effect"
import { OrganizationId, RegionCode } from "./ids.js"
import { ContactPhone, Instant, NonEmptyText, OptionalText } from "./primitives.js"

/** bureau 老干部局 · department 卫健/农业/政法/教育/科技 · partner 关工委/老科协 · party-branch 离退休干部党支部 · beneficiary village/community/school/enterprise */
export const OrganizationKind = Schema.Literal("bureau", "department", "partner", "party-branch", "beneficiary")
export type OrganizationKind = typeof OrganizationKind.Type

const fields = {
  name: NonEmptyText(100),
  kind: OrganizationKind,
  regionCode: RegionCode,
  contactName: OptionalText(50),
  contactPhone: Schema.NullOr(ContactPhone),
  address: OptionalText(200)
}

export const Organization = Schema.Struct({
  id: OrganizationId,
  ...fields,
  createdAt: Instant,
  updatedAt: Instant
})
export type Organization = typeof Organization.Type

export const OrganizationCreate = Schema.Struct({
  ...fields,
  contactName: Schema.optionalWith(fields.contactName, { default: () => "" }),
  contactPhone: Schema.optionalWith(fields.contactPhone, { default: () => null }),
  address: Schema.optionalWith(fields.address, { default: () => "" })
})
export type OrganizationCreate = typeof OrganizationCreate.Type

export const OrganizationUpdate = Schema.partial(Schema.Struct(fields))
export type OrganizationUpdate = typeof OrganizationUpdate.Type
