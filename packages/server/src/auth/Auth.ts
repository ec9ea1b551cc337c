import { type Actor, newId, Q, type SessionId, Store, type User, type UserId, type UserView } from "@yinfa/core"
import { Clock, Context, Effect, Layer } from "effect"
import { burnPasswordCheck, newToken, tokenHash, verifyPassword } from "./password.js"

export interface AuthOptions {
  /** How long a session lasts after login. */
  readonly sessionTtlMinutes: number
  /** Failed logins of one username within the window before further attempts get 429. */
  readonly maxFailures: number
  readonly failureWindowMinutes: number
}

export const defaultAuthOptions: AuthOptions = { sessionTtlMinutes: 12 * 60, maxFailures: 5, failureWindowMinutes: 15 }

export type LoginOutcome =
  | { readonly _tag: "Ok"; readonly token: string; readonly user: UserView; readonly expiresAt: string }
  | { readonly _tag: "Failed" }
  | { readonly _tag: "Throttled"; readonly retryAfterSeconds: number }

export interface Authenticated {
  readonly actor: Actor
  readonly user: UserView
  readonly sessionId: string
}

/**
 * Sessions and login throttling, both kept in the shared store so that several server instances
 * on one database agree (ARCHITECTURE: nothing of this in process memory).
 *
 * Throttling reuses the `sessions` resource rather than adding a table: each failed login is a
 * row whose `userId` is `login-failure:<username>`, whose token hash is random (it can never
 * authenticate: no token hashes to it) and whose `expiresAt` ends the window. Counting the
 * unexpired ones is the throttle.
 */
export class Auth extends Context.Tag("@yinfa/server/Auth")<
  Auth,
  {
    readonly login: (username: string, password: string) => Effect.Effect<LoginOutcome>
    readonly authenticate: (token: string) => Effect.Effect<Authenticated | null>
    readonly logout: (token: string) => Effect.Effect<void>
    readonly options: AuthOptions
  }
>() {}

const failureMarker = (username: string) => `login-failure:${username.slice(0, 40)}`

export const toUserView = (user: User): UserView => {
  const { passwordHash: _, ...view } = user
  return view
}

export const AuthLive = (options: Partial<AuthOptions> = {}) =>
  Layer.effect(
    Auth,
    Effect.gen(function* () {
      const store = yield* Store
      const opts = { ...defaultAuthOptions, ...options }
      const now = Effect.map(Clock.currentTimeMillis, (ms) => ms)
      const iso = (ms: number) => new Date(ms).toISOString()

      const recentFailures = (username: string, at: number) =>
        Effect.map(
          store.list("sessions", Q.all([Q.eq("userId", failureMarker(username)), Q.gt("expiresAt", iso(at))], [], { offset: 0, limit: 1 })),
          (r) => r.total
        )

      const recordFailure = (username: string, at: number) =>
        store
          .insert("sessions", {
            id: newId() as SessionId,
            tokenHash: `failure:${newId()}`,
            userId: failureMarker(username) as UserId,
            expiresAt: iso(at + opts.failureWindowMinutes * 60_000),
            createdAt: iso(at)
          })
          .pipe(Effect.orDie)

      const findUser = (username: string) =>
        Effect.map(store.list("users", Q.all([Q.eq("username", username)], [], { offset: 0, limit: 1 })), (r) => r.rows[0] ?? null)

      const login = (username: string, password: string) =>
        Effect.gen(function* () {
          const at = yield* now
          const name = username.trim().toLowerCase()
          // Checked before the password: once throttled, even the right password waits, so
          // guessing cannot continue at full speed.
          const failures = yield* recentFailures(name, at)
          if (failures >= opts.maxFailures)
            return { _tag: "Throttled", retryAfterSeconds: opts.failureWindowMinutes * 60 } satisfies LoginOutcome
          const user = yield* findUser(name)
          const ok = user?.active
            ? yield* Effect.promise(() => verifyPassword(password, user.passwordHash))
            : yield* Effect.promise(() => burnPasswordCheck(password)).pipe(Effect.as(false))
          if (!ok || !user) {
            yield* recordFailure(name, at)
            return { _tag: "Failed" } satisfies LoginOutcome
          }
          // Housekeeping without a scheduler: a user's expired sessions and expired failure
          // markers of this username go when they sign in again.
          const stale = yield* store.list(
            "sessions",
            Q.all([Q.in("userId", [user.id, failureMarker(name)]), Q.lte("expiresAt", iso(at))], [], { offset: 0, limit: 100 })
          )
          yield* Effect.forEach(stale.rows, (row) => Effect.ignore(store.remove("sessions", row.id)), { discard: true })
          const token = newToken()
          const expiresAt = iso(at + opts.sessionTtlMinutes * 60_000)
          yield* store
            .insert("sessions", { id: newId() as SessionId, tokenHash: tokenHash(token), userId: user.id, expiresAt, createdAt: iso(at) })
            .pipe(Effect.orDie)
          return { _tag: "Ok", token, user: toUserView(user), expiresAt } satisfies LoginOutcome
        }) as Effect.Effect<LoginOutcome>

      const findSession = (token: string) =>
        Effect.map(
          store.list("sessions", Q.all([Q.eq("tokenHash", tokenHash(token))], [], { offset: 0, limit: 1 })),
          (r) => r.rows[0] ?? null
        )

      const authenticate = (token: string) =>
        Effect.gen(function* () {
          if (token.length < 16 || token.length > 200) return null
          const session = yield* findSession(token)
          if (!session) return null
          if (session.expiresAt <= iso(yield* now)) {
            yield* store.remove("sessions", session.id).pipe(Effect.ignore)
            return null
          }
          const user = yield* store.get("users", session.userId).pipe(Effect.orElseSucceed(() => null))
          // A deactivated account loses its sessions at once, not when they expire.
          if (!user?.active) return null
          const actor: Actor = {
            userId: user.id,
            username: user.username,
            displayName: user.displayName,
            role: user.role,
            regionCode: user.regionCode
          }
          return { actor, user: toUserView(user), sessionId: session.id }
        })

      const logout = (token: string) =>
        Effect.gen(function* () {
          const session = yield* findSession(token)
          if (session) yield* store.remove("sessions", session.id).pipe(Effect.ignore)
        })

      return { login, authenticate, logout, options: opts }
    })
  )
