import { Schema } from "effect"
import { Instant, NonEmptyText } from "./primitives.js"
import { RegionCode, UserId } from "./ids.js"

/** city-admin: whole city, reviews reports · region-admin: one region · viewer: read-only, own scope. */
export const Role = Schema.Literal("city-admin", "region-admin", "viewer")
export type Role = typeof Role.Type

export const Username = Schema.Trim.pipe(Schema.pattern(/^[a-z][a-z0-9_.-]{2,31}$/, { message: () => "validation.username" }))

const editable = {
  username: Username,
  displayName: NonEmptyText(50),
  role: Role,
  /** Required for region admins; a viewer without one sees the whole city. */
  regionCode: Schema.NullOr(RegionCode),
  active: Schema.Boolean
}

/** A person who signs in. The password hash lives in the store only, never in API output. */
export const User = Schema.Struct({
  id: UserId,
  ...editable,
  passwordHash: Schema.String,
  createdAt: Instant,
  updatedAt: Instant
})
export type User = typeof User.Type

/** What any reader of users gets. */
export const UserView = User.pipe(Schema.omit("passwordHash"))
export type UserView = typeof UserView.Type

export const Password = Schema.String.pipe(Schema.minLength(8, { message: () => "validation.password" }), Schema.maxLength(200))

export const UserCreate = Schema.Struct({
  ...editable,
  regionCode: Schema.optionalWith(editable.regionCode, { default: () => null }),
  active: Schema.optionalWith(editable.active, { default: () => true }),
  /** Hashed by the caller (the server uses scrypt); core never sees a clear password. */
  passwordHash: Schema.String.pipe(Schema.minLength(1))
})
export type UserCreate = typeof UserCreate.Type

export const UserUpdate = Schema.partial(Schema.Struct({ ...editable, passwordHash: Schema.String.pipe(Schema.minLength(1)) }))
export type UserUpdate = typeof UserUpdate.Type
