import { PassThrough, type TransformCallback } from "node:stream"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import {
  actorRegion,
  Certificates,
  CurrentActor,
  type DomainError,
  type Locale,
  Q,
  Regions,
  requireWriter,
  todayLocal,
  translate,
  translateVerbatim
} from "@yinfa/core"
import { Cause, Deferred, Effect, Exit, Fiber, FiberRef, type Layer, Option, Queue, Stream } from "effect"
import { type ExportFormat, type ExportOptions, exportFileName, exportList, isExportable } from "../importExport/exportList.js"
import { importAttendance } from "../importExport/importAttendance.js"
import { type ImportProgress, reportSummary } from "../importExport/importDriver.js"
import { importVolunteers } from "../importExport/importVolunteers.js"
import { reportPack } from "../importExport/reportPack.js"
import { reportWorkbook } from "../importExport/reportWorkbook.js"
import { attendanceTemplate, rosterTemplate, templateFileName } from "../importExport/template.js"
import { verificationPageHtml } from "../importExport/verificationPage.js"
import { YinfaApi } from "./api.js"
import { accepts, CurrentRequest, errorBody, jsonError, localized, parseParams, requestLocale, respond } from "./context.js"
import { deriveWhitelist, RESOURCE_BY_NAME } from "./resources.js"
import { BadParam, parseFilter, parseSort } from "./simpleRest.js"

/**
 * Handlers of the import/export routes, the report pack and the public certificate check. The
 * work itself is in ../importExport; here are only the HTTP concerns: raw upload bodies, file
 * names, content types, and streaming an export whose first page decides the status.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
const CSV_TYPE = "text/csv; charset=utf-8"
const HTML_TYPE = "text/html; charset=utf-8"

/** Printed documents carry inline styles only: nothing in them may load or run anything. */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/** RFC 5987 value: encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<name>`: browsers use the Chinese name, the
 * plain one is for clients that know only RFC 2616 (RFC 6266 §4.3).
 */
export const contentDisposition = (fileName: string, asciiFallback: string, disposition: "attachment" | "inline" = "attachment") =>
  `${disposition}; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${rfc5987(fileName)}`

const fileResponse = (bytes: Uint8Array, contentType: string, fileName: string, asciiFallback: string) =>
  HttpServerResponse.uint8Array(bytes, {
    contentType,
    headers: { "content-disposition": contentDisposition(fileName, asciiFallback), "cache-control": "no-store" }
  })

const groupLayer = (name: string, build: (handlers: any) => any): Layer.Layer<never> => (HttpApiBuilder.group as any)(YinfaApi, name, build)

// ---------------------------------------------------------------------------------------------
// Imports

const parseMode = (raw: string | undefined) =>
  parseParams(() => {
    if (raw === undefined || raw === "" || raw === "all-or-nothing") return "all-or-nothing" as const
    if (raw === "valid-only") return "valid-only" as const
    throw new BadParam("mode", "http.param.invalid", { param: "mode", detail: "all-or-nothing | valid-only" })
  })

class TooLarge {
  readonly _tag = "TooLarge"
}

/**
 * The raw body: the file, collected chunk by chunk and joined once (the platform's `arrayBuffer`
 * re-concatenates on every chunk, quadratic for a 50 MB upload). Past the upload limit it is a
 * 413; a declared Content-Length over it never gets here (app.ts refuses it unread), and a
 * chunked body is cut off where it crosses the limit.
 */
const uploadedFile = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.gen(function* () {
    const max = Number(Option.getOrElse(yield* HttpIncomingMessage.MaxBodySize, () => Number.POSITIVE_INFINITY))
    const chunks: Array<Uint8Array> = []
    let size = 0
    const read = yield* request.stream.pipe(
      Stream.runForEach((chunk) => {
        size += chunk.byteLength
        if (size > max) return Effect.fail(new TooLarge())
        chunks.push(chunk)
        return Effect.void
      }),
      Effect.either
    )
    if (read._tag === "Left") {
      if (read.left instanceof TooLarge) return jsonError(413, { message: yield* localized("http.body.tooLarge", { max }) })
      return yield* Effect.die(read.left)
    }
    if (size === 0) return yield* Effect.fail(new BadParam("file", "http.upload.empty"))
    return new Uint8Array(Buffer.concat(chunks, size))
  })

/** The import's progress as it goes, then its report: asked for with `Accept: application/x-ndjson`. */
export const NDJSON_TYPE = "application/x-ndjson"

const wantsProgress = (request: HttpServerRequest.HttpServerRequest) => accepts(request.headers.accept, NDJSON_TYPE)

/**
 * The import's answer as NDJSON: `{"progress":{…}}` lines while it runs (one per batch), then
 * one last line, `{"report":{…}}` or `{"error":{"status":…,"message":…}}`. The status line is
 * 200 before the file is read: a refusal of the file comes as the last line, with the status the
 * JSON answer would have had. The import runs to its end even if the client goes away, as an
 * import without progress does: what it writes is decided by its mode, not by the connection.
 */
const progressStream = <R>(
  run: (onProgress: (progress: ImportProgress) => void) => Effect.Effect<unknown, DomainError | BadParam, R>,
  locale: Locale
) =>
  Effect.gen(function* () {
    const { id: requestId } = yield* FiberRef.get(CurrentRequest)
    const lines = yield* Queue.unbounded<string>()
    const send = (value: unknown) => Queue.unsafeOffer(lines, `${JSON.stringify(value)}\n`)
    yield* run((progress) => send({ progress })).pipe(
      Effect.match({
        onSuccess: (report) => send({ report }),
        onFailure: (error) => {
          const { status, body } = errorBody(error, locale)
          send({ error: { status, ...body } })
        }
      }),
      Effect.catchAllDefect((defect) =>
        Effect.zipRight(
          Effect.logError("import failed", Cause.pretty(Cause.die(defect))),
          Effect.sync(() => send({ error: { status: 500, message: translate(locale, "http.internal", { requestId }) } }))
        )
      ),
      Effect.ensuring(Queue.shutdown(lines)),
      Effect.forkDaemon
    )
    return HttpServerResponse.stream(Stream.fromQueue(lines).pipe(Stream.encodeText), {
      contentType: NDJSON_TYPE,
      headers: { "cache-control": "no-store" }
    })
  })

const importHandler =
  (kind: "volunteers" | "attendance") =>
  ({ request, urlParams }: { request: HttpServerRequest.HttpServerRequest; urlParams: { mode?: string; region?: string } }) =>
    respond(
      Effect.gen(function* () {
        // Refused before the upload is read: a viewer does not make the server hold 50 MB for nothing.
        yield* requireWriter(yield* CurrentActor)
        const mode = yield* parseMode(urlParams.mode)
        const file = yield* uploadedFile(request)
        if (HttpServerResponse.isServerResponse(file)) return file
        const locale = yield* requestLocale
        const source = { bytes: file }
        const run = (onProgress?: (progress: ImportProgress) => void) =>
          Effect.gen(function* () {
            const options = { mode, locale, ...(onProgress ? { onProgress } : {}) }
            const report =
              kind === "volunteers"
                ? yield* importVolunteers(source, { ...options, region: urlParams.region || null })
                : yield* importAttendance(source, options)
            const workbook = yield* Effect.promise(() => reportWorkbook(report, kind, locale))
            return { ...report, summary: reportSummary(report, locale), workbookBase64: Buffer.from(workbook).toString("base64") }
          })
        if (wantsProgress(request)) return yield* progressStream(run, locale)
        return yield* run()
      })
    )

// ---------------------------------------------------------------------------------------------
// Exports

/** A pass-through that reports its first chunk: from then on the response is a file, not an error. */
class FirstChunk extends PassThrough {
  private seen = false
  constructor(private readonly onFirst: () => void) {
    super()
  }
  override _transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback) {
    if (!this.seen) {
      this.seen = true
      this.onFirst()
    }
    super._transform(chunk, encoding, callback)
  }
}

/**
 * Runs the export in its own fiber, writing into a pipe that becomes the response body. Until the
 * first byte is written the outcome can still be an ordinary error response (a refused query,
 * a viewer asking for clear values); after it, a failure can only cut the download short, which
 * the client sees as a failed download rather than a complete-looking file. A client that goes
 * away stops the export.
 */
const streamExport = (resource: string, options: ExportOptions) =>
  Effect.gen(function* () {
    const first = yield* Deferred.make<void, DomainError>()
    const out = new FirstChunk(() => Deferred.unsafeDone(first, Exit.void))
    let finished = false
    const fiber = yield* exportList(resource, out, options).pipe(
      Effect.onExit((exit) =>
        Effect.gen(function* () {
          finished = true
          if (Exit.isSuccess(exit)) return
          if (yield* Deferred.isDone(first)) {
            if (!Exit.isInterrupted(exit)) yield* Effect.logError("export failed after the download started", Cause.pretty(exit.cause))
            out.destroy(new Error("export failed"))
          } else yield* Deferred.done(first, Exit.asVoid(exit))
        })
      ),
      Effect.forkDaemon
    )
    out.once("close", () => {
      if (!finished) Effect.runFork(Fiber.interrupt(fiber))
    })
    yield* Deferred.await(first)
    return Stream.fromAsyncIterable(out as AsyncIterable<Uint8Array>, (e) => e)
  })

const parseExport = (resource: string, p: { format?: string; filter?: string; sort?: string; reveal?: string }) =>
  parseParams(() => {
    if (!isExportable(resource)) throw new BadParam("resource", "http.param.invalid", { param: "resource", detail: resource })
    let format: ExportFormat
    if (p.format === undefined || p.format === "" || p.format === "xlsx") format = "xlsx"
    else if (p.format === "csv") format = "csv"
    else throw new BadParam("format", "http.param.invalid", { param: "format", detail: "xlsx | csv" })
    if (p.reveal !== undefined && !["", "0", "1", "true", "false"].includes(p.reveal))
      throw new BadParam("reveal", "http.param.invalid", { param: "reveal", detail: "1" })
    // The list endpoint's parser and whitelist: an export is the list, every page of it.
    const whitelist = RESOURCE_BY_NAME.get(resource)?.whitelist ?? deriveWhitelist(resource)
    const { filters, ids } = parseFilter(p.filter, whitelist)
    const sort = parseSort(p.sort, whitelist)
    return { resource, format, query: Q.all(ids ? [Q.in("id", ids)] : filters, sort), reveal: p.reveal === "1" || p.reveal === "true" }
  })

const exportHandler = ({ path, urlParams }: { path: { resource: string }; urlParams: Record<string, string | undefined> }) =>
  respond(
    Effect.gen(function* () {
      const request = yield* parseExport(path.resource, urlParams)
      const today = yield* todayLocal
      const locale = yield* requestLocale
      const body = yield* streamExport(request.resource, {
        format: request.format,
        query: request.query,
        reveal: request.reveal,
        locale
      })
      return HttpServerResponse.stream(body, {
        contentType: request.format === "xlsx" ? XLSX_TYPE : CSV_TYPE,
        headers: {
          // The English name is ASCII: the fallback for clients that cannot read the UTF-8 one.
          "content-disposition": contentDisposition(
            exportFileName(request.resource, request.format, today, locale),
            exportFileName(request.resource, request.format, today, "en")
          ),
          "cache-control": "no-store"
        }
      })
    })
  )

// ---------------------------------------------------------------------------------------------
// Report pack

const DATE = /^\d{4}-\d{2}-\d{2}$/

const reportPackHandler = ({ urlParams }: { urlParams: { from?: string; to?: string; regionCode?: string; format?: string } }) =>
  respond(
    Effect.gen(function* () {
      const format = yield* parseParams(() => {
        if (urlParams.format === undefined || urlParams.format === "" || urlParams.format === "xlsx") return "xlsx" as const
        if (urlParams.format === "html") return "html" as const
        throw new BadParam("format", "http.param.invalid", { param: "format", detail: "xlsx | html" })
      })
      const today = yield* todayLocal
      const from = urlParams.from || `${today.slice(0, 4)}-01-01`
      const to = urlParams.to || today
      for (const [param, value] of [
        ["from", from],
        ["to", to]
      ] as const)
        if (!DATE.test(value)) return yield* Effect.fail(new BadParam(param, "http.param.invalid", { param, detail: "YYYY-MM-DD" }))
      // A region admin's pack is their region's, whatever they ask for (the services scope it too;
      // this makes the title name the region rather than "the whole city").
      const own = actorRegion(yield* CurrentActor)
      const locale = yield* requestLocale
      const pack = yield* reportPack({ from, to, regionCode: own ?? (urlParams.regionCode || null) }, locale)
      const name = translateVerbatim(locale, "reportPack.fileName", { from, to })
      const ascii = translateVerbatim("en", "reportPack.fileName", { from, to })
      if (format === "xlsx") return fileResponse(pack.workbook, XLSX_TYPE, `${name}.xlsx`, `${ascii}.xlsx`)
      return HttpServerResponse.text(pack.html, {
        contentType: HTML_TYPE,
        headers: {
          "content-disposition": contentDisposition(`${name}.html`, `${ascii}.html`, "inline"),
          "content-security-policy": DOCUMENT_CSP
        }
      })
    })
  )

// ---------------------------------------------------------------------------------------------

const importExportHandlers = groupLayer("importExport", (handlers: any) =>
  handlers
    .handle("volunteerTemplate", () =>
      respond(
        Effect.gen(function* () {
          const regions = (yield* (yield* Regions).list(Q.all([], [{ field: "sortOrder", order: "ASC" }]))).rows
          const locale = yield* requestLocale
          const bytes = yield* Effect.promise(() => rosterTemplate(regions, locale))
          return fileResponse(bytes, XLSX_TYPE, templateFileName("volunteers", locale), templateFileName("volunteers", "en"))
        })
      )
    )
    .handle("attendanceTemplate", () =>
      respond(
        Effect.gen(function* () {
          const locale = yield* requestLocale
          const bytes = yield* Effect.promise(() => attendanceTemplate(locale))
          return fileResponse(bytes, XLSX_TYPE, templateFileName("attendance", locale), templateFileName("attendance", "en"))
        })
      )
    )
    // Raw: the body is the file's bytes and must not be decoded (a GBK .csv is not UTF-8 text).
    .handleRaw("importVolunteers", importHandler("volunteers"))
    .handleRaw("importAttendance", importHandler("attendance"))
    .handle("export", exportHandler)
    .handle("reportPack", reportPackHandler)
)

/**
 * Public: a certificate number is all it takes, and all it tells is what the paper shows. The
 * address printed on a certificate is this route, so a browser opening it (Accept: text/html)
 * gets a page a person can read, in its language, and a 404 page for an unknown number; programs
 * and the dashboard get the JSON.
 */
const verifyCertificate = ({ path }: { path: { number: string } }) =>
  respond(
    Effect.gen(function* () {
      const verification = Effect.flatMap(Certificates, (c) => c.verify(path.number))
      const request = yield* HttpServerRequest.HttpServerRequest
      const vary = { vary: "accept, accept-language" }
      if (!accepts(request.headers.accept, "text/html")) return HttpServerResponse.unsafeJson(yield* verification, { headers: vary })
      const found = yield* verification.pipe(
        Effect.map(Option.some),
        Effect.catchTag("NotFound", () => Effect.succeedNone)
      )
      const locale = yield* requestLocale
      return HttpServerResponse.text(verificationPageHtml(path.number, Option.getOrNull(found), locale), {
        status: Option.isSome(found) ? 200 : 404,
        contentType: HTML_TYPE,
        headers: { "content-security-policy": DOCUMENT_CSP, ...vary }
      })
    })
  )

const verificationHandlers = groupLayer("certificateVerification", (handlers: any) => handlers.handle("verify", verifyCertificate))

export const ImportExportHandlersLive = [importExportHandlers, verificationHandlers] as const
