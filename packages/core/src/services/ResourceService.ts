import { Effect, type Layer } from "effect"
import type { CurrentActor } from "../actor.js"
import { YinfaConfig } from "../config.js"
import type { Conflict, Forbidden, NotFound, ValidationError } from "../errors.js"
import type { ListResult, Query } from "../query.js"
import { Store } from "../ports/Store.js"

/**
 * What every resource service offers, so the server can route the simple-rest protocol
 * generically. Inputs are `unknown`: services decode them with the core schemas. Methods need
 * only the `CurrentActor`; the store and configuration are captured when the layer is built.
 */
export interface ResourceService<A> {
  readonly list: (query: Query) => Effect.Effect<ListResult<A>, ValidationError, CurrentActor>
  readonly get: (id: string) => Effect.Effect<A, NotFound, CurrentActor>
  readonly getMany: (ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<A>, never, CurrentActor>
  readonly create: (input: unknown) => Effect.Effect<A, ValidationError | Conflict | Forbidden | NotFound, CurrentActor>
  readonly update: (id: string, input: unknown) => Effect.Effect<A, ValidationError | Conflict | Forbidden | NotFound, CurrentActor>
  readonly remove: (id: string) => Effect.Effect<A, Conflict | Forbidden | NotFound, CurrentActor>
}

export type ServiceDeps = Store | YinfaConfig

/**
 * Captures the store and configuration of the layer being built and returns a function that
 * provides them to an operation, leaving only `CurrentActor` for the caller.
 */
export const captureDeps = Effect.gen(function* () {
  const store = yield* Store
  const config = yield* YinfaConfig
  return <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, Exclude<R, ServiceDeps>> =>
    effect.pipe(Effect.provideService(Store, store), Effect.provideService(YinfaConfig, config)) as never
})

export type ServiceLayer<I> = Layer.Layer<I, never, ServiceDeps>
