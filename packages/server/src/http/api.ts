import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as OpenApi from "@effect/platform/OpenApi"
import { CertificateIssue, CurrentActor, UserView } from "@yinfa/core"
import { JSONSchema, Schema } from "effect"
import { RESOURCE_TABLE, type ResourceEntry } from "./resources.js"
import { ReadableChange } from "../importExport/readableValues.js"

/**
 * The one API definition: routes are built from it and `/api/openapi.json` is generated from it.
 *
 * Handlers return `HttpServerResponse`s themselves (Content-Range, localized errors), so the
 * success and error schemas here document the wire format; request bodies are declared as
 * documented `unknown` because the core services decode them (with field-level, localized
 * messages) rather than HttpApi's generic decoder.
 */

/** `{ message, errors? }`, the body of every error response. */
export const ErrorBody = Schema.Struct({
  message: Schema.String,
  errors: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
}).annotations({ identifier: "Error" })

/**
 * Documentation only: handlers write error responses themselves. The refinement refuses every
 * value so that HttpApi's catch-all never encodes an arbitrary failure (anything with a
 * `message`, a defect included) through one of these.
 */
const errorAt = (status: number, description: string) =>
  ErrorBody.pipe(Schema.filter(() => false, { jsonSchema: {} })).annotations({ ...HttpApiSchema.annotations({ status }), description })
const BadRequest = errorAt(400, "Bad input: a malformed or unknown parameter, or a body failing validation")
const Forbidden = errorAt(403, "The role or jurisdiction does not allow this")
const NotFoundError = errorAt(404, "No such record (or not in the caller's jurisdiction)")
const ConflictError = errorAt(409, "A rule refuses the change (state machine, capacity, uniqueness)")
const TooLarge = errorAt(413, "The body is larger than the limit")
const TooMany = errorAt(429, "Too many failed logins")

/** Raised by the authentication middleware; the message is localized where it is raised. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()(
  "Unauthorized",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 401, description: "No valid session token" })
) {}

export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("Authentication", {
  failure: Unauthorized,
  provides: CurrentActor,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** A JSON Schema copied from a core schema, with `$defs` inlined (OpenAPI has its own refs). */
const inlineDefs = (schema: Schema.Schema.AnyNoContext): object => {
  try {
    const js = JSONSchema.make(schema) as unknown as Record<string, unknown>
    const defs = (js.$defs ?? {}) as Record<string, unknown>
    const resolve = (node: unknown, depth: number): unknown => {
      if (Array.isArray(node)) return node.map((n) => resolve(n, depth))
      if (node && typeof node === "object") {
        const ref = (node as { $ref?: string }).$ref
        if (ref?.startsWith("#/$defs/")) {
          const target = defs[decodeURIComponent(ref.slice(8))]
          return depth > 8 || !target ? {} : resolve(target, depth + 1)
        }
        return Object.fromEntries(
          Object.entries(node)
            .filter(([k]) => k !== "$schema" && k !== "$defs")
            .map(([k, v]) => [k, resolve(v, depth)])
        )
      }
      return node
    }
    return resolve(js, 0) as object
  } catch {
    return { type: "object" }
  }
}

/** A body documented with a core schema but decoded by the service. */
export const documentedBody = (schema: Schema.Schema.AnyNoContext | undefined, description: string) =>
  Schema.Unknown.annotations({ description, jsonSchema: schema ? inlineDefs(schema) : { type: "object" } })

const Id = Schema.Struct({ id: Schema.String })

export const ListParams = Schema.Struct({
  sort: Schema.optional(Schema.String.annotations({ description: 'JSON ["field","ASC"|"DESC"]', examples: ['["name","ASC"]'] })),
  range: Schema.optional(
    Schema.String.annotations({ description: "JSON [start,end], inclusive, at most 1000 rows", examples: ["[0,24]"] })
  ),
  filter: Schema.optional(
    Schema.String.annotations({
      description:
        'JSON object: {"q":"text"}, {"field":value}, {"field":[a,b]} (IN), {"id":[...]} (getMany), and the suffixes _q _eq _neq _gt _gte _lt _lte _eq_any _neq_any _inc _inc_any _ninc_any',
      examples: ['{"regionCode":"320902","q":"张"}']
    })
  )
})

const StatsParams = Schema.Struct({
  from: Schema.optional(Schema.String.annotations({ description: "YYYY-MM-DD, default 1 January of this year" })),
  to: Schema.optional(Schema.String.annotations({ description: "YYYY-MM-DD, default today" })),
  regionCode: Schema.optional(Schema.String),
  category: Schema.optional(Schema.String)
})

const withErrors = <E extends HttpApiEndpoint.HttpApiEndpoint.Any>(endpoint: E, ...errors: ReadonlyArray<Schema.Schema.Any>): E =>
  errors.reduce((e: any, s) => e.addError(s), endpoint) as E

const resourceGroup = (r: ResourceEntry) => {
  const base = `/api/${r.name}` as const
  const RecordSchema = r.record.annotations({ description: r.description })
  let group: any = HttpApiGroup.make(r.name)
    .add(
      withErrors(
        HttpApiEndpoint.get("getList", base)
          .setUrlParams(ListParams)
          .addSuccess(Schema.Array(RecordSchema).annotations({ description: "With Content-Range: <resource> <first>-<last>/<total>" })),
        BadRequest
      )
    )
    .add(withErrors(HttpApiEndpoint.get("getOne", `${base}/:id`).setPath(Id).addSuccess(RecordSchema), NotFoundError))
  if (!r.readOnly) {
    group = group
      .add(
        withErrors(
          HttpApiEndpoint.post("create", base)
            .setPayload(documentedBody(r.create, `${r.name}: create`))
            .addSuccess(RecordSchema, { status: 201 }),
          BadRequest,
          Forbidden,
          NotFoundError,
          ConflictError,
          TooLarge
        )
      )
      .add(
        withErrors(
          HttpApiEndpoint.put("update", `${base}/:id`)
            .setPath(Id)
            .setPayload(documentedBody(r.update, `${r.name}: fields to change (a whole record is accepted; status is not changed by PUT)`))
            .addSuccess(RecordSchema),
          BadRequest,
          Forbidden,
          NotFoundError,
          ConflictError,
          TooLarge
        )
      )
      .add(
        withErrors(
          HttpApiEndpoint.del("delete", `${base}/:id`).setPath(Id).addSuccess(RecordSchema),
          Forbidden,
          NotFoundError,
          ConflictError
        )
      )
  }
  for (const action of r.actions) {
    let endpoint: any = HttpApiEndpoint.post(action.name, `${base}/:id/${action.name}`).setPath(Id).addSuccess(RecordSchema)
    if (action.input) endpoint = endpoint.setPayload(documentedBody(action.input, action.summary))
    group = group.add(withErrors(endpoint.annotate(OpenApi.Summary, action.summary), BadRequest, Forbidden, NotFoundError, ConflictError))
  }
  if (r.name === "volunteers") {
    group = group
      .add(
        withErrors(
          HttpApiEndpoint.get("serviceRecord", `${base}/:id/service-record`)
            .setPath(Id)
            .addSuccess(Schema.Unknown.annotations({ description: "ServiceSummary: total hours, star level, by category" }))
            .annotate(OpenApi.Summary, "Service record and star level"),
          NotFoundError
        )
      )
      .add(
        withErrors(
          HttpApiEndpoint.get("sensitive", `${base}/:id/sensitive`)
            .setPath(Id)
            .addSuccess(RecordSchema)
            .annotate(OpenApi.Summary, "The record with ID number, phone, birth date and fitness in clear (audited)"),
          Forbidden,
          NotFoundError
        )
      )
  }
  if (r.name === "activities") {
    group = group.add(
      withErrors(
        HttpApiEndpoint.get("candidates", `${base}/:id/candidates`)
          .setPath(Id)
          .setUrlParams(Schema.Struct({ limit: Schema.optional(Schema.String.annotations({ description: "1–100, default 20" })) }))
          .addSuccess(Schema.Array(Schema.Unknown).annotations({ description: "Ranked candidates, each factor's score explained" }))
          .annotate(OpenApi.Summary, "Ranked volunteer candidates"),
        BadRequest,
        NotFoundError
      )
    )
  }
  if (r.name === "audit-log") {
    group = group.add(
      withErrors(
        HttpApiEndpoint.get("readableChanges", `${base}/:id/changes`)
          .setPath(Id)
          .addSuccess(
            Schema.Array(ReadableChange).annotations({
              description: "Field by field, in the request's language: labels, names of other records, the city's clock"
            })
          )
          .annotate(OpenApi.Summary, "An audit entry's changes as people read them"),
        NotFoundError
      )
    )
  }
  if (r.name === "pairings") {
    group = group.add(
      withErrors(
        HttpApiEndpoint.post("checkIn", `${base}/:id/check-ins`)
          .setPath(Id)
          .setPayload(documentedBody(undefined, "A check-in: date, hours, mode, notes (pairingId is taken from the path)"))
          .addSuccess(Schema.Unknown, { status: 201 })
          .annotate(OpenApi.Summary, "Record a check-in of this pairing"),
        BadRequest,
        Forbidden,
        NotFoundError,
        ConflictError
      )
    )
  }
  if (r.name === "certificates") {
    group = group
      .add(
        withErrors(
          HttpApiEndpoint.post("issue", `${base}/:id/issue`)
            .setPath(Schema.Struct({ id: Schema.String.annotations({ description: "The volunteer's id" }) }))
            .setPayload(
              documentedBody(
                CertificateIssue,
                "Period (default: first to last service date), issuer, person in charge, contact (default: the region's bureau)"
              )
            )
            .addSuccess(RecordSchema, { status: 201 })
            .annotate(OpenApi.Summary, "Issue a service certificate for a volunteer (frozen, numbered, audited)"),
          BadRequest,
          Forbidden,
          NotFoundError,
          ConflictError
        )
      )
      .add(
        withErrors(
          HttpApiEndpoint.get("document", `${base}/:id/document`)
            .setPath(Id)
            .addSuccess(HttpApiSchema.Text({ contentType: "text/html" }).annotations({ description: "The printable certificate (A4)" }))
            .annotate(OpenApi.Summary, "The certificate as a printable HTML page"),
          NotFoundError
        )
      )
  }
  return group.middleware(Authentication).annotate(OpenApi.Description, r.description)
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
const xlsxFile = (description: string) => HttpApiSchema.Uint8Array({ contentType: XLSX_TYPE }).annotations({ description })

/**
 * Upload bodies are the file's bytes. Documentation only: the handlers read the raw body
 * themselves (`handleRaw`), so a GBK .csv is never decoded as text on the way in.
 */
const UploadBody = Schema.Union(
  HttpApiSchema.Uint8Array({ contentType: "application/octet-stream" }),
  HttpApiSchema.Uint8Array({ contentType: XLSX_TYPE }),
  HttpApiSchema.Uint8Array({ contentType: "text/csv" })
).annotations({ description: "The .xlsx or .csv file itself as the request body (at most 50 MiB by default)" })

const ImportIssue = Schema.Struct({ row: Schema.Number, column: Schema.String, message: Schema.String })

export const ImportResult = Schema.Struct({
  mode: Schema.Literal("all-or-nothing", "valid-only"),
  committed: Schema.Boolean.annotations({ description: "Whether rows were stored" }),
  rows: Schema.Number,
  valid: Schema.Number,
  written: Schema.Number,
  issues: Schema.Array(ImportIssue).annotations({
    description: "Row by row (row as Excel numbers it, column by its header), in file order"
  }),
  ignoredColumns: Schema.Array(Schema.String),
  summary: Schema.String.annotations({ description: "The one-line conclusion, in the request's language" }),
  workbookBase64: Schema.String.annotations({ description: "The same report as an .xlsx workbook, base64" })
}).annotations({ identifier: "ImportResult" })

/** Both imports answer JSON, or progress then the report as NDJSON when asked (importExportHandlers.ts). */
const IMPORT_PROGRESS_NOTE =
  'With Accept: application/x-ndjson the answer streams one {"progress":{parsed,validated,written,failed}} line per batch, then one {"report":…} line, or one {"error":{status,message}} line when the file is refused.'

const ImportParams = Schema.Struct({
  mode: Schema.optional(
    Schema.String.annotations({
      description: "all-or-nothing (default: one bad row and nothing is stored) or valid-only",
      examples: ["valid-only"]
    })
  )
})

const importGroup = HttpApiGroup.make("importExport")
  .add(
    HttpApiEndpoint.get("volunteerTemplate", "/api/import/templates/volunteers")
      .addSuccess(xlsxFile("志愿者名册导入模板.xlsx: the roster sheet with drop-down lists and the 说明 sheet"))
      .annotate(OpenApi.Summary, "The volunteer roster import template")
  )
  .add(
    HttpApiEndpoint.get("attendanceTemplate", "/api/import/templates/attendance")
      .addSuccess(xlsxFile("签到表导入模板.xlsx"))
      .annotate(OpenApi.Summary, "The attendance sheet import template")
  )
  .add(
    withErrors(
      HttpApiEndpoint.post("importVolunteers", "/api/import/volunteers")
        .setUrlParams(
          Schema.Struct({
            ...ImportParams.fields,
            region: Schema.optional(Schema.String.annotations({ description: "Put every row in this region (code or name)" }))
          })
        )
        .setPayload(UploadBody)
        .addSuccess(ImportResult)
        .annotate(OpenApi.Summary, "Import a volunteer roster (.xlsx or .csv) as the signed-in user")
        .annotate(OpenApi.Description, IMPORT_PROGRESS_NOTE),
      BadRequest,
      Forbidden,
      TooLarge,
      errorAt(415, "The body is not a file (send application/octet-stream, .xlsx or .csv)")
    )
  )
  .add(
    withErrors(
      HttpApiEndpoint.post("importAttendance", "/api/import/attendance")
        .setUrlParams(ImportParams)
        .setPayload(UploadBody)
        .addSuccess(ImportResult)
        .annotate(OpenApi.Summary, "Import an attendance sheet: attendance and hours per row")
        .annotate(OpenApi.Description, IMPORT_PROGRESS_NOTE),
      BadRequest,
      Forbidden,
      TooLarge,
      errorAt(415, "The body is not a file (send application/octet-stream, .xlsx or .csv)")
    )
  )
  .add(
    withErrors(
      HttpApiEndpoint.get("export", "/api/export/:resource")
        .setPath(Schema.Struct({ resource: Schema.String.annotations({ description: "Any resource but users and sessions" }) }))
        .setUrlParams(
          Schema.Struct({
            format: Schema.optional(Schema.String.annotations({ description: "xlsx (default) or csv (UTF-8 with BOM)" })),
            filter: ListParams.fields.filter,
            sort: ListParams.fields.sort,
            reveal: Schema.optional(
              Schema.String.annotations({
                description: "1: volunteers' ID numbers, phones, birth dates and fitness in clear (admins; every record audited)"
              })
            )
          })
        )
        .addSuccess(xlsxFile("The whole filtered list (not just a page), streamed; text/csv with format=csv"))
        .annotate(OpenApi.Summary, "Export a list as .xlsx or .csv, scoped and masked like the list"),
      BadRequest,
      Forbidden
    )
  )
  .add(
    withErrors(
      HttpApiEndpoint.get("reportPack", "/api/report-pack")
        .setUrlParams(
          Schema.Struct({
            from: StatsParams.fields.from,
            to: StatsParams.fields.to,
            regionCode: Schema.optional(Schema.String.annotations({ description: "One region (a region admin always gets their own)" })),
            format: Schema.optional(Schema.String.annotations({ description: "xlsx (default: six sheets) or html (printable page)" }))
          })
        )
        .addSuccess(xlsxFile("概览, 月度, 覆盖, 经验报送, 品牌项目, 先进典型; text/html with format=html"))
        .annotate(OpenApi.Summary, "The report pack of a period, scoped to the caller"),
      BadRequest
    )
  )
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Import templates, imports, exports and the report pack; all scoped to the signed-in user")

/** No token: anyone holding a certificate may check it. It tells exactly what the paper shows. */
const verificationGroup = HttpApiGroup.make("certificateVerification").add(
  withErrors(
    HttpApiEndpoint.get("verify", "/api/certificates/verify/:number")
      .setPath(Schema.Struct({ number: Schema.String.annotations({ examples: ["YFZM-2026-000001-7KQD"] }) }))
      .addSuccess(
        Schema.Unknown.annotations({
          description:
            "certificateNumber, volunteerName, volunteerNumber, maskedIdNumber, totalHours, starLevel, serviceSummary, periodFrom, periodTo, issuer {name, personInCharge, contact}, issuedOn"
        })
      )
      .annotate(OpenApi.Summary, "Verify a certificate by its number (public, no sign-in)")
      .annotate(
        OpenApi.Description,
        "The address printed on every certificate. A browser (Accept: text/html) gets a page in its Accept-Language: genuine with the four blocks the certificate shows, or not found (404)."
      ),
    NotFoundError
  )
)

const statsGroup = HttpApiGroup.make("stats")
  .add(withErrors(HttpApiEndpoint.get("overview", "/api/stats/overview").setUrlParams(StatsParams).addSuccess(Schema.Unknown), BadRequest))
  .add(withErrors(HttpApiEndpoint.get("series", "/api/stats/series").setUrlParams(StatsParams).addSuccess(Schema.Unknown), BadRequest))
  .add(withErrors(HttpApiEndpoint.get("coverage", "/api/stats/coverage").setUrlParams(StatsParams).addSuccess(Schema.Unknown), BadRequest))
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Figures scoped to the caller's jurisdiction")

export const LoginBody = Schema.Struct({ username: Schema.String, password: Schema.String })
export const LoginResult = Schema.Struct({ token: Schema.String, expiresAt: Schema.String, user: UserView })

const authGroup = HttpApiGroup.make("auth")
  .add(
    withErrors(
      HttpApiEndpoint.post("login", "/api/auth/login")
        .setPayload(documentedBody(LoginBody, "Credentials"))
        .addSuccess(LoginResult)
        .addError(errorAt(401, "Wrong username or password")),
      BadRequest,
      TooMany
    )
  )
  .add(HttpApiEndpoint.get("me", "/api/auth/me").addSuccess(UserView).middleware(Authentication))
  .add(
    HttpApiEndpoint.post("logout", "/api/auth/logout")
      .addSuccess(Schema.Struct({ ok: Schema.Boolean }))
      .middleware(Authentication)
  )
  .annotate(OpenApi.Description, "Sessions: Bearer tokens, stored hashed with an expiry")

const build = () => {
  let api: any = HttpApi.make("yinfa")
    .annotate(OpenApi.Title, "银发再出发 yinfa API")
    .annotate(OpenApi.Version, "0.1.0")
    .annotate(
      OpenApi.Description,
      "react-admin simple-rest dialect: GET /api/<resource>?sort&range&filter → array + Content-Range; GET/PUT/DELETE /api/<resource>/:id; POST /api/<resource>. Errors are { message, errors? }, localized by Accept-Language (zh-CN by default)."
    )
    .add(authGroup)
  for (const r of RESOURCE_TABLE) api = api.add(resourceGroup(r))
  return api.add(statsGroup).add(importGroup).add(verificationGroup) as HttpApi.HttpApi<
    "yinfa",
    HttpApiGroup.HttpApiGroup.Any,
    never,
    never
  >
}

export const YinfaApi = build()
