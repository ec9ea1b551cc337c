import { CurrentActor, systemActor, type Role, Users, YANCHENG_REGIONS } from "@yinfa/core"
import { Effect } from "effect"
import { hashPassword } from "./auth/password.js"

export interface NewUser {
  readonly username: string
  readonly role: Role
  /** A region code or a preset slug (tinghu, yandu, …); required for region admins. */
  readonly region?: string | null
  readonly password: string
  readonly displayName?: string
}

/**
 * Creates an account through the Users service as the system (the `user add` command): the
 * same validation and audit entry as an account created in the dashboard.
 */
export const addUser = (input: NewUser) =>
  Effect.gen(function* () {
    const users = yield* Users
    const region = input.region ? (YANCHENG_REGIONS.find((r) => r.slug === input.region)?.code ?? input.region) : null
    const passwordHash = yield* Effect.promise(() => hashPassword(input.password))
    return yield* users.create({
      username: input.username,
      displayName: input.displayName ?? input.username,
      role: input.role,
      regionCode: region,
      passwordHash
    })
  }).pipe(Effect.provideService(CurrentActor, systemActor))
