import { Schema, SchemaAST } from "effect"
import { DEFAULT_LIST_ORDER } from "./listOrder.js"
import type { Sort } from "./query.js"
import { Activity } from "./domain/activity.js"
import { AuditEntry } from "./domain/auditEntry.js"
import { BrandProject } from "./domain/brandProject.js"
import { Certificate } from "./domain/certificate.js"
import { Exemplar } from "./domain/exemplar.js"
import { ExperienceReport } from "./domain/experienceReport.js"
import { Organization } from "./domain/organization.js"
import { Pairing, PairingCheckIn } from "./domain/pairing.js"
import { Participation } from "./domain/participation.js"
import { Region } from "./domain/region.js"
import { ServiceHour } from "./domain/serviceHour.js"
import { Session } from "./domain/session.js"
import { User } from "./domain/user.js"
import { Volunteer } from "./domain/volunteer.js"

/**
 * The registry of stored resources: one name everywhere (HTTP path, admin resource, i18n key;
 * the SQL table is its snake_case twin), the record schema, and what adapters need to store
 * and query it. Field kinds are derived from the schemas, so they cannot drift apart.
 */
export const RESOURCE_SCHEMAS = {
  regions: Region,
  organizations: Organization,
  volunteers: Volunteer,
  activities: Activity,
  participations: Participation,
  "service-hours": ServiceHour,
  pairings: Pairing,
  "pairing-check-ins": PairingCheckIn,
  "experience-reports": ExperienceReport,
  "brand-projects": BrandProject,
  exemplars: Exemplar,
  users: User,
  "audit-log": AuditEntry,
  sessions: Session,
  certificates: Certificate
} as const

export type ResourceName = keyof typeof RESOURCE_SCHEMAS
export type ResourceSchema<R extends ResourceName> = (typeof RESOURCE_SCHEMAS)[R]
/** The stored record of a resource, as services and adapters exchange it. */
export type RowOf<R extends ResourceName> = Schema.Schema.Type<ResourceSchema<R>>

export const RESOURCE_NAMES = Object.keys(RESOURCE_SCHEMAS) as ReadonlyArray<ResourceName>

/**
 * How a field is stored. `string[]` is an array of scalars, filterable with the inclusion
 * operators; `json` is any other structured value, stored but not filterable.
 */
export type FieldKind = "string" | "number" | "boolean" | "string[]" | "json"

export interface FieldDescriptor {
  readonly name: string
  readonly kind: FieldKind
  readonly nullable: boolean
}

export interface ResourceDescriptor<R extends ResourceName = ResourceName> {
  readonly name: R
  /** snake_case table name. */
  readonly table: string
  readonly schema: ResourceSchema<R>
  readonly fields: ReadonlyArray<FieldDescriptor>
  /** Fields the full-text `q` searches. */
  readonly searchable: ReadonlyArray<string>
  /** Sets of fields whose values must be unique together (nulls never collide). */
  readonly unique: ReadonlyArray<ReadonlyArray<string>>
  /** The field that places a record in a jurisdiction, or null for city-wide reference data. */
  readonly regionField: string | null
  /** Personal data masked for readers who do not need it and in the audit log. */
  readonly sensitive: ReadonlyArray<string>
  /** The order a list of these is read in when its reader names none (`DEFAULT_LIST_ORDER`). */
  readonly defaultSort: Sort
}

const unwrap = (ast: SchemaAST.AST): SchemaAST.AST => {
  switch (ast._tag) {
    case "Refinement":
      return unwrap(ast.from)
    case "Transformation":
      return unwrap(ast.to)
    case "Suspend":
      return unwrap(ast.f())
    default:
      return ast
  }
}

const isScalar = (ast: SchemaAST.AST): boolean => {
  const a = unwrap(ast)
  return (
    a._tag === "StringKeyword" ||
    a._tag === "NumberKeyword" ||
    (a._tag === "Literal" && typeof a.literal !== "object") ||
    (a._tag === "Union" && a.types.every(isScalar))
  )
}

const kindOf = (ast: SchemaAST.AST): { kind: FieldKind; nullable: boolean } => {
  const a = unwrap(ast)
  if (a._tag === "Union") {
    const nonNull = a.types.filter((t) => !(t._tag === "Literal" && t.literal === null))
    if (nonNull.length < a.types.length) {
      const inner = nonNull.length === 1 ? kindOf(nonNull[0]) : kindOf(SchemaAST.Union.make(nonNull))
      return { kind: inner.kind, nullable: true }
    }
    const kinds = new Set(a.types.map((t) => kindOf(t).kind))
    return { kind: kinds.size === 1 ? [...kinds][0] : "json", nullable: false }
  }
  switch (a._tag) {
    case "StringKeyword":
    case "TemplateLiteral":
      return { kind: "string", nullable: false }
    case "NumberKeyword":
      return { kind: "number", nullable: false }
    case "BooleanKeyword":
      return { kind: "boolean", nullable: false }
    case "Literal":
      return {
        kind: typeof a.literal === "number" ? "number" : typeof a.literal === "boolean" ? "boolean" : "string",
        nullable: false
      }
    case "TupleType":
      return {
        kind: a.elements.length === 0 && a.rest.length === 1 && isScalar(a.rest[0].type) ? "string[]" : "json",
        nullable: false
      }
    default:
      return { kind: "json", nullable: false }
  }
}

export const describeFields = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<FieldDescriptor> => {
  const ast = unwrap(schema.ast)
  if (ast._tag !== "TypeLiteral") throw new Error("resource schemas must be structs")
  return ast.propertySignatures.map((p) => ({ name: String(p.name), ...kindOf(p.type) }))
}

const snake = (s: string) => s.replace(/-/g, "_").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Column name of a field: the snake_case twin. */
export const columnName = (field: string): string => snake(field)

type Options = Partial<Pick<ResourceDescriptor, "searchable" | "unique" | "sensitive">> & {
  readonly regionField?: string | null
}

const describe = <R extends ResourceName>(name: R, options: Options): ResourceDescriptor<R> => ({
  name,
  table: snake(name),
  schema: RESOURCE_SCHEMAS[name],
  fields: describeFields(RESOURCE_SCHEMAS[name] as Schema.Schema.AnyNoContext),
  searchable: options.searchable ?? [],
  unique: options.unique ?? [],
  regionField: options.regionField === undefined ? "regionCode" : options.regionField,
  sensitive: options.sensitive ?? [],
  defaultSort: DEFAULT_LIST_ORDER[name]
})

export const RESOURCES: { readonly [R in ResourceName]: ResourceDescriptor<R> } = {
  regions: describe("regions", { searchable: ["name", "nameEn", "code", "slug"], unique: [["code"], ["slug"]], regionField: null }),
  organizations: describe("organizations", { searchable: ["name", "contactName", "address"] }),
  volunteers: describe("volunteers", {
    searchable: ["name", "volunteerNumber", "formerUnit", "formerPosition"],
    unique: [["volunteerNumber"], ["idNumber"], ["phone"]],
    sensitive: ["idNumber", "phone", "fitness", "birthDate"]
  }),
  activities: describe("activities", { searchable: ["title", "description", "venue", "beneficiaryGroup"] }),
  participations: describe("participations", { searchable: ["role", "feedback"] }),
  "service-hours": describe("service-hours", { searchable: ["reason"] }),
  pairings: describe("pairings", {
    searchable: ["menteeName", "menteeUnit", "goals"],
    sensitive: ["guardianContact"]
  }),
  "pairing-check-ins": describe("pairing-check-ins", { searchable: ["notes"] }),
  "experience-reports": describe("experience-reports", { searchable: ["title", "body"] }),
  "brand-projects": describe("brand-projects", { searchable: ["name", "description"] }),
  exemplars: describe("exemplars", { searchable: ["title", "citation"] }),
  users: describe("users", {
    searchable: ["username", "displayName"],
    unique: [["username"]],
    sensitive: ["passwordHash"]
  }),
  "audit-log": describe("audit-log", { searchable: ["actorName", "resource", "recordId", "action", "note"] }),
  sessions: describe("sessions", { unique: [["tokenHash"]], regionField: null, sensitive: ["tokenHash"] }),
  certificates: describe("certificates", {
    searchable: ["certificateNumber", "volunteerName", "volunteerNumber"],
    unique: [["certificateNumber"]]
  })
}

export const resourceDescriptor = <R extends ResourceName>(name: R): ResourceDescriptor<R> => RESOURCES[name]

const SENSITIVE_SETS = new Map<ResourceName, ReadonlySet<string>>(RESOURCE_NAMES.map((name) => [name, new Set(RESOURCES[name].sensitive)]))

/** A resource's sensitive fields as a set, made once: audits, query checks and exports ask per record. */
export const sensitiveFieldsOf = (name: ResourceName): ReadonlySet<string> => SENSITIVE_SETS.get(name) as ReadonlySet<string>

export const isResourceName = (s: string): s is ResourceName => Object.hasOwn(RESOURCE_SCHEMAS, s)
