import { existsSync, readFileSync, statSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { extname, join, resolve, sep } from "node:path"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as OpenApi from "@effect/platform/OpenApi"
import { pickLocale, Q, Store, translate } from "@yinfa/core"
import { Cause, Clock, Effect, Layer, Option } from "effect"
import { YinfaApi } from "./api.js"
import { CurrentRequest, jsonError, type RequestInfo } from "./context.js"
import { AuthenticationLive, HandlersLive } from "./handlers.js"
import { RESOURCE_BY_NAME } from "./resources.js"

export interface AppOptions {
  /** The built admin app (index.html + assets); null or missing: `/` says it is not built. */
  readonly adminDist?: string | null | undefined
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number | undefined
  /** Where request log lines go (one JSON object per request); false for none. Default: stdout. */
  readonly log?: ((entry: Readonly<Record<string, unknown>>) => void) | false | undefined
  /** Largest accepted import upload (the raw file of `POST /api/import/*`) in bytes (default 50 MiB). */
  readonly uploadLimit?: number | undefined
  /**
   * Where people reach this server, e.g. "https://yinfa.example.gov.cn/yinfa": printed on
   * certificates as the verification address. Default: the request's Host (and
   * X-Forwarded-Proto) with `basePath`.
   */
  readonly publicUrl?: string | undefined
  /** The prefix the host mounts yinfa under (requests arrive here without it). */
  readonly basePath?: string | undefined
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024
export const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024

/** The routes whose body is a file, not JSON. */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(["/api/import/volunteers", "/api/import/attendance"])

/**
 * Content types an uploaded spreadsheet arrives with: what browsers and curl say for .xlsx and
 * .csv (Windows reports .csv as application/vnd.ms-excel), or none at all.
 */
const UPLOAD_TYPES =
  /^(application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet|text\/csv|application\/csv|text\/comma-separated-values|application\/vnd\.ms-excel)?\s*(;|$)/i

/** Routes, handlers, authentication and the docs page, sharing one router. */
export const ApiLayer = Layer.mergeAll(
  HandlersLive,
  // Scalar's page embeds ~7 MB of JavaScript as a string: loaded when a server starts, not by every
  // program that imports the server (the CLI's import kept it alive on its heap for nothing).
  Layer.unwrapEffect(
    Effect.map(
      Effect.promise(() => import("@effect/platform/HttpApiScalar")),
      (HttpApiScalar) => HttpApiScalar.layer({ path: "/api/docs", scalar: { withDefaultFonts: false, hideDownloadButton: false } as never })
    )
  ).pipe(Layer.provide(HttpApiBuilder.api(YinfaApi))),
  HttpApiBuilder.api(YinfaApi)
).pipe(
  Layer.provide(AuthenticationLive),
  Layer.provideMerge(HttpApiBuilder.Router.Live),
  Layer.provideMerge(HttpApiBuilder.Middleware.layer)
)

const stdoutLog = (entry: Readonly<Record<string, unknown>>) => {
  process.stdout.write(`${JSON.stringify(entry)}\n`)
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json"
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>银发再出发</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>银发再出发 · yinfa</h1>
<p>管理后台尚未构建（packages/admin/dist/app 不存在）。运行 <code>npm run build</code> 后重启服务。</p>
<p>The dashboard is not built yet (packages/admin/dist/app is missing): run <code>npm run build</code> and restart.</p>
<p>API: <a href="api/docs">api/docs</a> · <a href="api/openapi.json">api/openapi.json</a> · <a href="healthz">healthz</a></p>
</body></html>`

/**
 * Static files of the admin app with the index.html fallback that client-side routes need.
 * Paths are resolved inside the directory; anything escaping it is a 404.
 */
const staticFiles = (dir: string | null | undefined) => {
  const root = dir ? resolve(dir) : null
  const available = root !== null && existsSync(join(root, "index.html"))
  // The app is a couple of megabytes of JavaScript: compressed once per file version and kept,
  // it reaches a browser several times faster (the first paint is what staff wait for).
  const gzipped = new Map<string, { readonly mtimeMs: number; readonly body: Uint8Array }>()
  const gzipOf = (file: string, mtimeMs: number): Uint8Array => {
    const cached = gzipped.get(file)
    if (cached && cached.mtimeMs === mtimeMs) return cached.body
    const body = gzipSync(readFileSync(file), { level: 9 })
    gzipped.set(file, { mtimeMs, body })
    return body
  }
  return (pathname: string, acceptEncoding: string | undefined) =>
    Effect.gen(function* () {
      if (!available || !root) return HttpServerResponse.html(NOT_BUILT)
      let decoded: string
      try {
        decoded = decodeURIComponent(pathname)
      } catch {
        return HttpServerResponse.empty({ status: 400 })
      }
      const target = resolve(root, `.${decoded}`)
      if (target !== root && !target.startsWith(root + sep)) return HttpServerResponse.empty({ status: 404 })
      const isFile = (() => {
        try {
          return statSync(target).isFile()
        } catch {
          return false
        }
      })()
      const hasExtension = extname(decoded) !== ""
      // A missing asset is a 404 (a browser should not get HTML for a script); a client route gets index.html.
      if (!isFile && hasExtension) return HttpServerResponse.empty({ status: 404 })
      const file = isFile ? target : join(root, "index.html")
      const ext = extname(file)
      const cache = file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache"
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(acceptEncoding ?? "")) {
        const body = gzipOf(file, statSync(file).mtimeMs)
        return HttpServerResponse.uint8Array(body, {
          contentType: MIME[ext] ?? "application/octet-stream",
          headers: { "cache-control": cache, "content-encoding": "gzip", vary: "accept-encoding" }
        })
      }
      return yield* HttpServerResponse.file(file, {
        contentType: MIME[ext] ?? "application/octet-stream",
        headers: { "cache-control": cache }
      })
    })
}

const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".map", ".txt"])

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

const hasBody = (request: HttpServerRequest.HttpServerRequest) => {
  const length = request.headers["content-length"]
  return (length !== undefined && length !== "0") || request.headers["transfer-encoding"] !== undefined
}

/**
 * The whole HTTP application: the API, `/healthz`, `/api/openapi.json`, the admin's static files;
 * around it request ids, CORS, body checks (JSON only, size limit) and one log line per request.
 */
export const makeHttpApp = (options: AppOptions = {}) =>
  Effect.gen(function* () {
    const apiApp = yield* HttpApiBuilder.httpApp
    const store = yield* Store
    const spec = OpenApi.fromApi(YinfaApi)
    const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
    const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT
    const basePath = options.basePath && options.basePath !== "/" ? `/${options.basePath.replace(/^\/+|\/+$/g, "")}` : ""
    const publicUrl = options.publicUrl?.replace(/\/+$/, "") ?? null
    const log = options.log === undefined ? stdoutLog : options.log
    const serveStatic = staticFiles(options.adminDist)

    const message = (request: HttpServerRequest.HttpServerRequest, key: string, params?: Record<string, string | number>) =>
      translate(pickLocale(request.headers["accept-language"]), key, params)

    const healthz = store.list("regions", Q.all([], [], { offset: 0, limit: 1 })).pipe(
      Effect.timeout("5 seconds"),
      Effect.as(HttpServerResponse.unsafeJson({ status: "ok" })),
      Effect.catchAllCause(() => Effect.succeed(HttpServerResponse.unsafeJson({ status: "unavailable" }, { status: 503 })))
    )

    /** JSON bodies only, within the limit, well-formed: checked before any route sees them. */
    const checkBody = (request: HttpServerRequest.HttpServerRequest) =>
      Effect.gen(function* () {
        if (!hasBody(request)) return null
        const contentType = request.headers["content-type"] ?? ""
        const length = Number(request.headers["content-length"] ?? "0")
        if (length > bodyLimit) return jsonError(413, { message: message(request, "http.body.tooLarge", { max: bodyLimit }) })
        // DELETE from ra-data-simple-rest says text/plain but sends nothing; only bodies matter.
        if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
          if (length === 0 && request.method === "DELETE") return null
          return jsonError(415, { message: message(request, "http.body.mediaType") })
        }
        const text = yield* request.text.pipe(Effect.either)
        if (text._tag === "Left") return jsonError(413, { message: message(request, "http.body.tooLarge", { max: bodyLimit }) })
        if (text.right.trim() === "") return null
        try {
          JSON.parse(text.right)
        } catch {
          return jsonError(400, { message: message(request, "http.body.json"), errors: { body: message(request, "http.body.json") } })
        }
        return null
      })

    /**
     * Uploads are the file's bytes: exempt from the JSON-only rule and the JSON size limit, with
     * their own limit (checked here on Content-Length; a chunked body is cut off while read).
     */
    const checkUpload = (request: HttpServerRequest.HttpServerRequest) => {
      const length = Number(request.headers["content-length"] ?? "0")
      if (length > uploadLimit) return jsonError(413, { message: message(request, "http.body.tooLarge", { max: uploadLimit }) })
      if (!UPLOAD_TYPES.test(request.headers["content-type"] ?? ""))
        return jsonError(415, { message: message(request, "http.upload.mediaType") })
      return null
    }

    const isUpload = (request: HttpServerRequest.HttpServerRequest, pathname: string) =>
      request.method === "POST" && UPLOAD_PATHS.has(pathname)

    /** The verification address printed on certificates: configured, or as this request reached us. */
    const baseUrlOf = (request: HttpServerRequest.HttpServerRequest) => {
      if (publicUrl !== null) return publicUrl
      const host = request.headers["x-forwarded-host"]?.split(",")[0]?.trim() || request.headers.host || "localhost"
      const proto = request.headers["x-forwarded-proto"]?.split(",")[0]?.trim() === "https" ? "https" : "http"
      return `${proto}://${host}${basePath}`
    }

    const notFound = (request: HttpServerRequest.HttpServerRequest, pathname: string) => {
      const resource = pathname.split("/")[2] ?? ""
      const entry = RESOURCE_BY_NAME.get(resource)
      // A known resource without this verb (a write to the audit log, say) is 405, not 404.
      if (entry && request.method !== "GET")
        return jsonError(
          405,
          { message: message(request, "http.method.notAllowed") },
          { allow: entry.readOnly ? "GET" : "GET, POST, PUT, DELETE" }
        )
      return jsonError(404, { message: message(request, "http.route.notFound") })
    }

    const route = Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const pathname = request.url.split("?")[0]
      if (pathname === "/healthz") return yield* healthz
      if (pathname === "/api" || pathname.startsWith("/api/")) {
        if (pathname === "/api/openapi.json") return HttpServerResponse.unsafeJson(spec)
        const refused = isUpload(request, pathname) ? checkUpload(request) : yield* checkBody(request)
        if (refused) return refused
        return yield* apiApp.pipe(
          Effect.catchAllCause((cause) => {
            const failure = Cause.failureOption(cause)
            if (Option.isSome(failure) && (failure.value as { _tag?: string })?._tag === "RouteNotFound")
              return Effect.succeed(notFound(request, pathname))
            return Effect.failCause(cause)
          })
        )
      }
      if (request.method !== "GET" && request.method !== "HEAD")
        return jsonError(405, { message: message(request, "http.method.notAllowed") })
      return yield* serveStatic(pathname, request.headers["accept-encoding"])
    })

    const withCors = HttpMiddleware.cors({
      allowedOrigins: [],
      allowedMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
      allowedHeaders: ["Authorization", "Content-Type", "Range", "Accept-Language", "X-Request-Id", "X-File-Name"],
      // Content-Disposition: a cross-origin dashboard reads the download's file name from it.
      exposedHeaders: ["Content-Range", "X-Request-Id", "Content-Disposition"],
      maxAge: 600
    })(route)

    const app: HttpApp.Default<never, never> = Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const started = yield* Clock.currentTimeMillis
      const given = request.headers["x-request-id"]
      const info: RequestInfo = {
        id: given && REQUEST_ID.test(given) ? given : crypto.randomUUID(),
        userId: null,
        baseUrl: baseUrlOf(request)
      }
      const upload = isUpload(request, request.url.split("?")[0])
      const response = yield* withCors.pipe(
        Effect.catchAllCause((cause) =>
          Effect.sync(() => {
            // Details go to the log only; the client gets the id to quote.
            if (log) log({ level: "error", requestId: info.id, error: Cause.pretty(cause) })
            return jsonError(500, { message: message(request, "http.internal", { requestId: info.id }) })
          })
        ),
        Effect.locally(CurrentRequest, info),
        // The platform reads bodies up to this many bytes (a longer chunked body fails: 413).
        HttpIncomingMessage.withMaxBodySize(Option.some(upload ? uploadLimit : bodyLimit))
      )
      const ms = (yield* Clock.currentTimeMillis) - started
      if (log)
        log({
          time: new Date(started).toISOString(),
          method: request.method,
          // The path only: query strings may carry names, phone or ID numbers in filters.
          path: request.url.split("?")[0],
          status: response.status,
          ms,
          requestId: info.id,
          userId: info.userId
        })
      return HttpServerResponse.setHeader(response, "x-request-id", info.id)
    }) as never
    return app
  })
