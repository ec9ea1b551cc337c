import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Store, YinfaConfig, type YinfaConfigShape, type YinfaServices, YinfaServicesLive } from "@yinfa/core"
import { Effect, Layer, ManagedRuntime } from "effect"
import { Auth, type AuthOptions, AuthLive } from "./auth/Auth.js"
import { ApiLayer, type AppOptions, makeHttpApp } from "./http/app.js"
import { type StoreOption, storeLayer } from "./store.js"

export interface YinfaHandlerOptions extends AppOptions {
  /** Where the data lives (default: SQLite at ./data/yinfa.db). */
  readonly store?: StoreOption
  /** Overrides of the core configuration (star thresholds, holidays, …). */
  readonly config?: Partial<YinfaConfigShape>
  /** The prefix the host mounts yinfa under, e.g. "/yinfa"; requests are seen without it. */
  readonly basePath?: string
  readonly auth?: Partial<AuthOptions>
  /** Replaces the core services (tests, or an embedder decorating one). */
  readonly services?: Layer.Layer<YinfaServices, never, Store | YinfaConfig>
}

export type CoreContext = YinfaServices | Store | YinfaConfig | Auth

/** The store and services without HTTP: what the CLI's commands run against. */
export interface YinfaRuntime {
  /** Runs an effect against the store and services (seeding, maintenance, imports). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, CoreContext>) => Promise<A>
  /** Releases the store (closes the database pool or file). */
  readonly close: () => Promise<void>
}

const coreLayer = (options: Pick<YinfaHandlerOptions, "services" | "store" | "config" | "auth">) =>
  AuthLive(options.auth).pipe(
    Layer.provideMerge(
      (options.services ?? YinfaServicesLive).pipe(
        Layer.provideMerge(
          Layer.merge(storeLayer(options.store ?? { kind: "sqlite", filename: "./data/yinfa.db" }), YinfaConfig.layer(options.config ?? {}))
        )
      )
    )
  )

/**
 * Opens (and migrates) the store and builds the services, without the HTTP layer and the docs
 * page: a command-line import holds only what it uses.
 */
export const makeYinfaRuntime = async (
  options: Pick<YinfaHandlerOptions, "services" | "store" | "config" | "auth"> = {}
): Promise<YinfaRuntime> => {
  const runtime = ManagedRuntime.make(coreLayer(options))
  try {
    await runtime.runtime()
  } catch (e) {
    await runtime.dispose()
    throw e
  }
  return { run: (effect) => runtime.runPromise(effect), close: () => runtime.dispose() }
}

export interface YinfaHandler {
  /** A node:http request listener. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void
  /** Runs an effect against the same store and services (seeding, maintenance). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, CoreContext>) => Promise<A>
  /** Releases the store (closes the database pool or file). */
  readonly close: () => Promise<void>
}

const normalizeBase = (basePath: string | undefined): string => {
  if (!basePath || basePath === "/") return ""
  return `/${basePath.replace(/^\/+|\/+$/g, "")}`
}

/**
 * The whole API (and the admin's static files) as a request listener that another Node service
 * mounts under its own prefix. Building it opens (and migrates) the store.
 */
export const makeYinfaHandler = async (options: YinfaHandlerOptions = {}): Promise<YinfaHandler> => {
  // Loaded here, not at the top: @effect/platform-node imports all of @effect/platform, the docs
  // pages' bundled scripts included, which programs that never serve HTTP should not hold.
  const NodeHttpServer = await import("@effect/platform-node/NodeHttpServer")
  const withAuth = coreLayer(options)
  const layer = ApiLayer.pipe(Layer.provideMerge(withAuth), Layer.provideMerge(NodeHttpServer.layerContext))
  const runtime = ManagedRuntime.make(layer as Layer.Layer<CoreContext | Layer.Layer.Success<typeof layer>>)
  let inner: (req: IncomingMessage, res: ServerResponse) => void
  try {
    inner = await runtime.runPromise(Effect.flatMap(makeHttpApp(options), (app) => NodeHttpServer.makeHandler(app)) as never)
  } catch (e) {
    await runtime.dispose()
    throw e
  }
  const base = normalizeBase(options.basePath)
  const handler = base
    ? (req: IncomingMessage, res: ServerResponse) => {
        const url = req.url ?? "/"
        if (url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) {
          const rest = url.slice(base.length)
          req.url = rest === "" || rest.startsWith("?") ? `/${rest}` : rest
          return inner(req, res)
        }
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not found" }))
      }
    : inner
  return {
    handler,
    run: (effect) => runtime.runPromise(effect as never),
    close: () => runtime.dispose()
  }
}

export interface RunningServer extends YinfaHandler {
  readonly server: Server
  readonly port: number
  readonly url: string
}

/** A plain node:http server around the handler (the CLI's `serve`, tests, benchmarks). */
export const startServer = async (
  options: YinfaHandlerOptions & {
    readonly port?: number
    readonly host?: string
    /** Runs after the store is open and before the port opens (e.g. seeding a demo). */
    readonly beforeListen?: (yinfa: YinfaHandler) => Promise<void>
  } = {}
): Promise<RunningServer> => {
  const yinfa = await makeYinfaHandler(options)
  if (options.beforeListen) {
    try {
      await options.beforeListen(yinfa)
    } catch (e) {
      await yinfa.close()
      throw e
    }
  }
  const server = createServer(yinfa.handler)
  // Keep-alive sockets would hold `close()` open; they are cut when the server stops.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const host = options.host && options.host !== "0.0.0.0" && options.host !== "::" ? options.host : "127.0.0.1"
  return {
    ...yinfa,
    server,
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${normalizeBase(options.basePath)}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await yinfa.close()
    }
  }
}
