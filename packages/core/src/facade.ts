import { Cause, Context, Effect, Exit, Layer, ManagedRuntime } from "effect"
import { type Actor, CurrentActor } from "./actor.js"
import type { YinfaConfig, YinfaConfigShape } from "./config.js"
import { makeYinfaLayer, type YinfaServices } from "./layers.js"
import { Store, type StoreService } from "./ports/Store.js"
import { Activities } from "./services/Activities.js"
import { Certificates } from "./services/Certificates.js"
import { AuditLog } from "./services/AuditLog.js"
import { BrandProjects } from "./services/BrandProjects.js"
import { Exemplars } from "./services/Exemplars.js"
import { ExperienceReports } from "./services/ExperienceReports.js"
import { Matching } from "./services/Matching.js"
import { Organizations } from "./services/Organizations.js"
import { PairingCheckIns, Pairings } from "./services/Pairings.js"
import { Participations } from "./services/Participations.js"
import { Regions } from "./services/Regions.js"
import { Reporting } from "./services/Reporting.js"
import { ServiceHours } from "./services/ServiceHours.js"
import { ServiceRecords } from "./services/ServiceRecords.js"
import { Users } from "./services/Users.js"
import { Volunteers } from "./services/Volunteers.js"

/** A service with each Effect-returning method turned into a Promise-returning one. */
export type Promised<S> = {
  readonly [K in keyof S]: S[K] extends (...args: infer P) => Effect.Effect<infer A, infer _E, infer _R>
    ? (...args: P) => Promise<A>
    : never
}

const SERVICES = {
  regions: Regions,
  organizations: Organizations,
  volunteers: Volunteers,
  activities: Activities,
  participations: Participations,
  serviceHours: ServiceHours,
  serviceRecords: ServiceRecords,
  pairings: Pairings,
  pairingCheckIns: PairingCheckIns,
  experienceReports: ExperienceReports,
  brandProjects: BrandProjects,
  exemplars: Exemplars,
  users: Users,
  auditLog: AuditLog,
  matching: Matching,
  reporting: Reporting,
  certificates: Certificates
} as const

type ServiceTags = typeof SERVICES

export type YinfaApi = {
  readonly [K in keyof ServiceTags]: Promised<Context.Tag.Service<ServiceTags[K]>>
}

export interface Yinfa extends YinfaApi {
  /** Whom every call runs as. */
  readonly actor: Actor
  /** The same core, acting as someone else (another user of the embedding system). */
  readonly as: (actor: Actor) => Yinfa
  /** Runs any Effect program against this core, for embedders who mix both styles. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, YinfaServices | Store | YinfaConfig | CurrentActor>) => Promise<A>
  /** Releases the store (closes database connections when the store layer owns them). */
  readonly dispose: () => Promise<void>
}

export interface CreateYinfaOptions {
  /** A store (from `makeMemoryStore`, `makeSqliteStore(...).store`, …) or a Layer providing one. */
  readonly store: StoreService | Layer.Layer<Store, unknown>
  readonly actor: Actor
  readonly config?: Partial<YinfaConfigShape>
}

const isLayer = (u: unknown): u is Layer.Layer<Store, unknown> => Layer.isLayer(u)

/**
 * The Promise facade for embedders who do not use Effect. Every method rejects with the same
 * typed errors as the Effect services (`ValidationError`, `NotFound`, `Conflict`, `Forbidden`
 * — check `error._tag`); anything else is a defect and rejects with the original error.
 */
export const createYinfa = (options: CreateYinfaOptions): Yinfa => {
  const storeLayer = isLayer(options.store) ? options.store : Layer.succeed(Store, options.store)
  const runtime = ManagedRuntime.make(makeYinfaLayer(storeLayer, options.config ?? {}))

  const make = (actor: Actor): Yinfa => {
    const run = <A, E>(effect: Effect.Effect<A, E, YinfaServices | Store | YinfaConfig | CurrentActor>): Promise<A> =>
      runtime.runPromiseExit(Effect.provideService(effect, CurrentActor, actor)).then((exit) => {
        if (Exit.isSuccess(exit)) return exit.value
        throw Cause.squash(exit.cause)
      })
    const api = Object.fromEntries(
      Object.entries(SERVICES).map(([name, tag]) => [
        name,
        new Proxy(
          {},
          {
            get:
              (_, method: string) =>
              (...args: ReadonlyArray<unknown>) =>
                run(
                  Effect.flatMap(
                    tag as unknown as Effect.Effect<
                      Record<string, (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown, CurrentActor>>,
                      never,
                      YinfaServices
                    >,
                    (service) => service[method](...args)
                  )
                )
          }
        )
      ])
    ) as unknown as YinfaApi
    return { ...api, actor, as: make, run, dispose: () => runtime.dispose() }
  }
  return make(options.actor)
}
