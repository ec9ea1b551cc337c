import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import {
  type Candidate,
  certificateVerification,
  Certificates,
  CurrentActor,
  invalid,
  type Locale,
  Matching,
  Password,
  Reporting,
  ServiceRecords,
  Store,
  translate,
  translateVerbatim,
  Volunteers
} from "@yinfa/core"
import { Effect, FiberRef, Layer, Redacted, Schema } from "effect"
import { Auth } from "../auth/Auth.js"
import { hashPassword } from "../auth/password.js"
import { certificateHtml } from "../importExport/certificateDocument.js"
import { readableAuditEntry } from "../importExport/readableValues.js"
import { Authentication, Unauthorized, YinfaApi } from "./api.js"
import { CurrentRequest, jsonError, localized, parseParams, requestLocale, respond } from "./context.js"
import { contentDisposition, DOCUMENT_CSP, ImportExportHandlersLive } from "./importExportHandlers.js"
import { RESOURCE_TABLE, type ResourceEntry } from "./resources.js"
import { BadParam, contentRange, parseListRequest } from "./simpleRest.js"

/** HttpApiBuilder.group over the dynamically built API (its static types cannot follow a loop). */
const groupLayer = (name: string, build: (handlers: any) => any): Layer.Layer<never> => (HttpApiBuilder.group as any)(YinfaApi, name, build)

/** A service by tag, typed loosely: the table is generic over every resource service. */
const service = (r: ResourceEntry) => r.tag as unknown as Effect.Effect<any, never, never>

/** Never let a password hash out, whatever a service returns. */
const scrub = (name: string, value: unknown): unknown => {
  if (name !== "users" || !value || typeof value !== "object") return value
  if (Array.isArray(value)) return value.map((v) => scrub(name, v))
  const { passwordHash: _, ...rest } = value as Record<string, unknown>
  return rest
}

const asObject = (body: unknown): Effect.Effect<Record<string, unknown>, BadParam> =>
  body === null || body === undefined
    ? Effect.succeed({})
    : typeof body === "object" && !Array.isArray(body)
      ? Effect.succeed(body as Record<string, unknown>)
      : Effect.fail(new BadParam("body", "http.body.object"))

/**
 * Users' bodies: a clear `password` is checked and hashed into `passwordHash`; a `passwordHash`
 * sent by a client is dropped (it would let a caller set a hash of their choosing).
 */
const prepareUserBody = (body: Record<string, unknown>, creating: boolean) =>
  Effect.gen(function* () {
    const { password, passwordHash: _, ...rest } = body
    if (password === undefined || password === null || password === "") {
      if (creating) return yield* Effect.fail(invalid("password", "validation.password", "Passwords have at least 8 characters"))
      return rest
    }
    yield* Schema.decodeUnknown(Password)(password).pipe(
      Effect.mapError(() => invalid("password", "validation.password", "Passwords have at least 8 characters"))
    )
    return { ...rest, passwordHash: yield* Effect.promise(() => hashPassword(password as string)) }
  })

const prepareBody = (r: ResourceEntry, payload: unknown, creating: boolean) =>
  Effect.flatMap(asObject(payload), (body) => (r.name === "users" ? prepareUserBody(body, creating) : Effect.succeed(body)))

const listHandler = (r: ResourceEntry) => (req: { urlParams: { sort?: string; range?: string; filter?: string } }) =>
  respond(
    Effect.gen(function* () {
      const svc = yield* service(r)
      const request = yield* parseParams(() => parseListRequest(req.urlParams, r.whitelist))
      if (request.ids) {
        const rows = (yield* svc.getMany(request.ids)) as ReadonlyArray<unknown>
        return HttpServerResponse.unsafeJson(scrub(r.name, rows), {
          headers: { "content-range": contentRange(r.name, 0, rows.length, rows.length) }
        })
      }
      const result = yield* svc.list(request.query)
      return HttpServerResponse.unsafeJson(scrub(r.name, result.rows), {
        headers: { "content-range": contentRange(r.name, request.offset, result.rows.length, result.total) }
      })
    })
  )

const localizeCandidates = (candidates: ReadonlyArray<Candidate>) =>
  Effect.map(requestLocale, (locale) =>
    candidates.map((c) => ({
      ...c,
      factors: c.factors.map((f) => ({ ...f, explanation: translate(locale, f.key, f.params) }))
    }))
  )

const parseLimit = (raw: string | undefined) =>
  parseParams(() => {
    if (raw === undefined || raw === "") return 20
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new BadParam("limit", "http.param.invalid", { param: "limit", detail: "1–100" })
    return n
  })

const resourceHandlers = (r: ResourceEntry) =>
  groupLayer(r.name, (handlers: any) => {
    let h = handlers
      .handle("getList", listHandler(r))
      .handle("getOne", ({ path }: any) =>
        respond(Effect.flatMap(service(r), (svc) => Effect.map(svc.get(path.id), (v) => scrub(r.name, v))))
      )
    if (!r.readOnly) {
      h = h
        .handle("create", ({ payload }: any) =>
          respond(
            Effect.gen(function* () {
              const svc = yield* service(r)
              const body = yield* prepareBody(r, payload, true)
              return scrub(r.name, yield* svc.create(body))
            }),
            201
          )
        )
        .handle("update", ({ path, payload }: any) =>
          respond(
            Effect.gen(function* () {
              const svc = yield* service(r)
              const body = yield* prepareBody(r, payload, false)
              return scrub(r.name, yield* svc.update(path.id, body))
            })
          )
        )
        .handle("delete", ({ path }: any) =>
          respond(Effect.flatMap(service(r), (svc) => Effect.map(svc.remove(path.id), (v) => scrub(r.name, v))))
        )
    }
    for (const action of r.actions) {
      h = h.handle(action.name, ({ path, payload }: any) =>
        respond(
          Effect.gen(function* () {
            const svc = yield* service(r)
            if (!action.input) return yield* svc[action.method](path.id)
            return yield* svc[action.method](path.id, yield* asObject(payload))
          })
        )
      )
    }
    if (r.name === "volunteers") {
      h = h
        .handle("serviceRecord", ({ path }: any) => respond(Effect.flatMap(ServiceRecords, (s) => s.summary(path.id))))
        .handle("sensitive", ({ path }: any) => respond(Effect.flatMap(Volunteers, (s) => s.reveal(path.id))))
    }
    if (r.name === "activities") {
      h = h.handle("candidates", ({ path, urlParams }: any) =>
        respond(
          Effect.gen(function* () {
            const limit = yield* parseLimit(urlParams.limit)
            const matching = yield* Matching
            return yield* localizeCandidates(yield* matching.candidatesForActivity(path.id, { limit }))
          })
        )
      )
    }
    if (r.name === "audit-log") {
      h = h.handle("readableChanges", ({ path }: any) =>
        respond(Effect.flatMap(requestLocale, (locale) => readableAuditEntry(path.id, locale)))
      )
    }
    if (r.name === "pairings") {
      const checkIns = RESOURCE_TABLE.find((e) => e.name === "pairing-check-ins")!
      h = h.handle("checkIn", ({ path, payload }: any) =>
        respond(
          Effect.gen(function* () {
            const svc = yield* service(checkIns)
            const body = yield* asObject(payload)
            return yield* svc.create({ ...body, pairingId: path.id })
          }),
          201
        )
      )
    }
    if (r.name === "certificates") {
      h = h
        .handle("issue", ({ path, payload }: any) =>
          respond(
            Effect.gen(function* () {
              const certificates = yield* Certificates
              return yield* certificates.issue(path.id, yield* asObject(payload))
            }),
            201
          )
        )
        .handle("document", ({ path }: any) =>
          respond(
            Effect.gen(function* () {
              const certificate = yield* (yield* Certificates).get(path.id)
              const { baseUrl } = yield* FiberRef.get(CurrentRequest)
              const locale = yield* requestLocale
              const html = certificateHtml(certificateVerification(certificate), { baseUrl, locale })
              const name = (l: Locale) => `${translateVerbatim(l, "certificate.fileName", { number: certificate.certificateNumber })}.html`
              return HttpServerResponse.text(html, {
                contentType: "text/html; charset=utf-8",
                headers: {
                  "content-disposition": contentDisposition(name(locale), name("en"), "inline"),
                  "content-security-policy": DOCUMENT_CSP
                }
              })
            })
          )
        )
    }
    return h
  })

const today = (offsetMinutes = 480) => new Date(Date.now() + offsetMinutes * 60_000).toISOString().slice(0, 10)

const statsFilter = (p: { from?: string; to?: string; regionCode?: string; category?: string }) => ({
  from: p.from || `${today().slice(0, 4)}-01-01`,
  to: p.to || today(),
  regionCode: p.regionCode || null,
  category: p.category || null
})

const statsHandlers = groupLayer("stats", (handlers: any) =>
  handlers
    .handle("overview", ({ urlParams }: any) => respond(Effect.flatMap(Reporting, (s) => s.overview(statsFilter(urlParams)))))
    .handle("series", ({ urlParams }: any) => respond(Effect.flatMap(Reporting, (s) => s.series(statsFilter(urlParams)))))
    .handle("coverage", ({ urlParams }: any) => respond(Effect.flatMap(Reporting, (s) => s.coverage(statsFilter(urlParams)))))
)

const bearerToken = Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
  const header = request.headers.authorization ?? ""
  return /^bearer /i.test(header) ? header.slice(7).trim() : ""
})

const authHandlers = groupLayer("auth", (handlers: any) =>
  handlers
    .handle("login", ({ payload }: any) =>
      respond(
        Effect.gen(function* () {
          const body = yield* asObject(payload)
          if (typeof body.username !== "string" || body.username === "")
            return yield* Effect.fail(invalid("username", "validation.required", "This field is required"))
          if (typeof body.password !== "string" || body.password === "")
            return yield* Effect.fail(invalid("password", "validation.required", "This field is required"))
          const auth = yield* Auth
          const outcome = yield* auth.login(body.username, body.password)
          switch (outcome._tag) {
            case "Ok": {
              const info = yield* CurrentRequestInfo
              info.userId = outcome.user.id
              return { token: outcome.token, expiresAt: outcome.expiresAt, user: outcome.user }
            }
            case "Failed":
              return jsonError(401, { message: yield* localized("http.login.failed") })
            case "Throttled":
              return jsonError(
                429,
                { message: yield* localized("http.login.throttled", { minutes: Math.ceil(outcome.retryAfterSeconds / 60) }) },
                { "retry-after": String(outcome.retryAfterSeconds) }
              )
          }
        })
      )
    )
    .handle("me", () =>
      respond(
        Effect.gen(function* () {
          const actor = yield* CurrentActor
          const store = yield* Store
          const user = yield* store.get("users", actor.userId as never).pipe(Effect.orDie)
          return scrub("users", user)
        })
      )
    )
    .handle("logout", () =>
      respond(
        Effect.gen(function* () {
          const auth = yield* Auth
          yield* auth.logout(yield* bearerToken)
          return { ok: true }
        })
      )
    )
)

const CurrentRequestInfo = FiberRef.get(CurrentRequest)

/** Bearer token → session → actor; sets the user id for the request log. */
export const AuthenticationLive = Layer.effect(
  Authentication,
  Effect.gen(function* () {
    const auth = yield* Auth
    return {
      bearer: (token) =>
        Effect.gen(function* () {
          const found = yield* auth.authenticate(Redacted.value(token))
          if (!found) return yield* Effect.fail(new Unauthorized({ message: yield* localized("http.unauthorized") }))
          const info = yield* FiberRef.get(CurrentRequest)
          info.userId = found.actor.userId
          return found.actor
        })
    }
  })
)

export const HandlersLive = Layer.mergeAll(
  authHandlers,
  statsHandlers,
  ...RESOURCE_TABLE.map(resourceHandlers),
  ...ImportExportHandlersLive
)
