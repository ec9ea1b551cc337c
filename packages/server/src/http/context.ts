import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { type DomainError, isDomainError, type Locale, localizeError, pickLocale, translate } from "@yinfa/core"
import { Effect, FiberRef } from "effect"
import { BadParam, badParamMessage } from "./simpleRest.js"

/**
 * What the request logger needs to know about a request that only inner layers learn (who the
 * user is). Set per request with `Effect.locally`; the authentication middleware fills `userId`.
 */
export interface RequestInfo {
  readonly id: string
  userId: string | null
  /** Origin and base path the outside world reaches this API at (printed on certificates). */
  readonly baseUrl: string
}

export const CurrentRequest = FiberRef.unsafeMake<RequestInfo>({ id: "-", userId: null, baseUrl: "" })

export const requestLocale: Effect.Effect<Locale, never, HttpServerRequest.HttpServerRequest> = Effect.map(
  HttpServerRequest.HttpServerRequest,
  (request) => pickLocale(request.headers["accept-language"])
)

/**
 * Whether a request's Accept header asks for `type` (with a quality above 0): a browser opening an
 * address names text/html, a program application/json or fetch's * / *.
 */
export const accepts = (accept: string | undefined, type: string): boolean =>
  (accept ?? "").split(",").some((part) => {
    const [named, ...params] = part.split(";").map((p) => p.trim().toLowerCase())
    const q = params.find((p) => p.startsWith("q="))
    return named === type && (q === undefined || Number(q.slice(2)) > 0)
  })

const STATUS: Record<DomainError["_tag"], number> = { ValidationError: 400, Forbidden: 403, NotFound: 404, Conflict: 409 }

export const jsonError = (
  status: number,
  body: { message: string; errors?: Readonly<Record<string, string>> },
  headers?: Record<string, string>
) => HttpServerResponse.unsafeJson(body, { status, ...(headers ? { headers } : {}) })

/** The status and localized body of a domain error or a refused parameter. */
export const errorBody = (
  error: DomainError | BadParam,
  locale: Locale
): { readonly status: number; readonly body: { message: string; errors?: Readonly<Record<string, string>> } } => {
  if (error instanceof BadParam) {
    const message = badParamMessage(locale, error)
    return { status: 400, body: { message, errors: { [error.param]: message } } }
  }
  return { status: STATUS[error._tag], body: localizeError(error, locale) }
}

/** A localized error response for a domain error or a refused parameter. */
export const errorResponse = (error: DomainError | BadParam) =>
  Effect.map(requestLocale, (locale) => {
    const { status, body } = errorBody(error, locale)
    return jsonError(status, body)
  })

/** A message of the catalogue in the request's language. */
export const localized = (key: string, params?: Record<string, string | number>) =>
  Effect.map(requestLocale, (locale) => translate(locale, key, params))

/**
 * Runs a handler: plain values become JSON (with `status`), domain errors and refused parameters
 * become localized `{message, errors}` responses. Anything else is a defect (500 with request id).
 */
export const respond = <A, E, R>(effect: Effect.Effect<A, E, R>, status = 200) =>
  effect.pipe(
    Effect.map((value) => (HttpServerResponse.isServerResponse(value) ? value : HttpServerResponse.unsafeJson(value, { status }))),
    Effect.catchAll((error) => (isDomainError(error) || error instanceof BadParam ? errorResponse(error) : Effect.die(error)))
  )

/** Synchronous parsing that throws `BadParam`, lifted into the error channel. */
export const parseParams = <A>(f: () => A): Effect.Effect<A, BadParam> =>
  Effect.try({
    try: f,
    catch: (e) => (e instanceof BadParam ? e : new BadParam("query", "http.param.invalid", { param: "query", detail: String(e) }))
  })
