import { Schema } from "effect"
import { SessionId, UserId } from "./ids.js"
import { Instant } from "./primitives.js"

/**
 * A sign-in session. Only the token's hash is stored, in the shared store, so several server
 * instances on one database see the same sessions.
 */
export const Session = Schema.Struct({
  id: SessionId,
  tokenHash: Schema.String,
  userId: UserId,
  expiresAt: Instant,
  createdAt: Instant
})
export type Session = typeof Session.Type
