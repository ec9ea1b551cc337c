import {
  Activity,
  ActivityCancel,
  ActivityCreate,
  Activities,
  ActivityUpdate,
  AuditEntry,
  AuditLog,
  BrandProject,
  BrandProjectCreate,
  BrandProjects,
  BrandProjectUpdate,
  Certificate,
  Certificates,
  Exemplar,
  ExemplarCreate,
  Exemplars,
  ExemplarUpdate,
  ExperienceReport,
  ExperienceReportCreate,
  ExperienceReports,
  ExperienceReportUpdate,
  HoursCorrection,
  Organization,
  OrganizationCreate,
  Organizations,
  OrganizationUpdate,
  Pairing,
  PairingCheckIn,
  PairingCheckInCreate,
  PairingCheckIns,
  PairingClose,
  PairingCreate,
  Pairings,
  PairingUpdate,
  ParticipationAttend,
  Participation,
  Participations,
  ParticipationSignUp,
  ParticipationUpdate,
  Region,
  RegionInput,
  Regions,
  ReportPublish,
  ReportReturn,
  RESOURCES,
  type ResourceName,
  ServiceHour,
  ServiceHours,
  UserView,
  Users,
  Volunteer,
  VolunteerArchive,
  VolunteerCreate,
  Volunteers,
  VolunteerUpdate,
  type FieldDescriptor
} from "@yinfa/core"
import { Schema } from "effect"
import type { Context } from "effect"
import type { Whitelist } from "./simpleRest.js"

/**
 * The table the generic simple-rest routes are built from: one entry per exposed resource.
 * `sessions` is deliberately absent (sessions are never exposed). `certificates` is read-only
 * here: certificates are made by `POST /api/certificates/:volunteerId/issue`, never edited.
 */
export interface Action {
  /** Path segment: POST /api/<resource>/:id/<name>. */
  readonly name: string
  /** The service method it calls, with `(id)` or `(id, body)`. */
  readonly method: string
  /** The body schema, for documentation; the service decodes the body itself. */
  readonly input?: Schema.Schema.AnyNoContext
  readonly summary: string
}

export interface ResourceEntry {
  readonly name: ResourceName
  readonly tag: Context.Tag<any, any>
  readonly readOnly: boolean
  readonly record: Schema.Schema.AnyNoContext
  readonly create?: Schema.Schema.AnyNoContext
  readonly update?: Schema.Schema.AnyNoContext
  readonly actions: ReadonlyArray<Action>
  readonly whitelist: Whitelist
  readonly description: string
}

/**
 * Filterable and sortable fields: every stored field except sensitive ones (filtering on an ID
 * number would reveal it one guess at a time) and structured `json` fields.
 */
export const deriveWhitelist = (name: ResourceName, extra: { exclude?: ReadonlyArray<string> } = {}): Whitelist => {
  const d = RESOURCES[name]
  const hidden = new Set([...d.sensitive, ...(extra.exclude ?? [])])
  const filterable = new Map<string, FieldDescriptor>()
  for (const f of d.fields) if (!hidden.has(f.name) && f.kind !== "json") filterable.set(f.name, f)
  const sortable = new Set([...filterable.values()].filter((f) => f.kind !== "string[]").map((f) => f.name))
  return { filterable, sortable, searchable: d.searchable.length > 0 }
}

const entry = (
  name: ResourceName,
  tag: Context.Tag<any, any>,
  record: Schema.Schema.AnyNoContext,
  description: string,
  options: Partial<Pick<ResourceEntry, "create" | "update" | "actions" | "readOnly">> = {}
): ResourceEntry => ({
  name,
  tag,
  record,
  description,
  readOnly: options.readOnly ?? false,
  actions: options.actions ?? [],
  whitelist: deriveWhitelist(name),
  ...(options.create ? { create: options.create } : {}),
  ...(options.update ? { update: options.update } : {})
})

/** Users' bodies carry a clear `password` that the server hashes; core never sees it. */
const UserBody = Schema.Struct({
  username: Schema.String,
  displayName: Schema.String,
  role: Schema.Literal("city-admin", "region-admin", "viewer"),
  regionCode: Schema.optional(Schema.NullOr(Schema.String)),
  active: Schema.optional(Schema.Boolean),
  password: Schema.String.annotations({ description: "At least 8 characters; hashed with scrypt by the server" })
}).annotations({ identifier: "UserInput" })

export const RESOURCE_TABLE: ReadonlyArray<ResourceEntry> = [
  entry("regions", Regions, Region, "County-level jurisdictions (written by city admins)", {
    create: RegionInput,
    update: Schema.partial(RegionInput)
  }),
  entry("organizations", Organizations, Organization, "Bureaus, departments, partners, Party branches, beneficiaries", {
    create: OrganizationCreate,
    update: OrganizationUpdate
  }),
  entry("volunteers", Volunteers, Volunteer, "Retired cadres; ID number, phone, birth date and fitness masked in lists", {
    create: VolunteerCreate,
    update: VolunteerUpdate,
    actions: [
      { name: "archive", method: "archive", input: VolunteerArchive, summary: "Archive with a reason" },
      { name: "pause", method: "pause", summary: "Pause" },
      { name: "reactivate", method: "reactivate", summary: "Back to active" }
    ]
  }),
  entry("activities", Activities, Activity, "Volunteer service activities: draft → published → completed | cancelled", {
    create: ActivityCreate,
    update: ActivityUpdate,
    actions: [
      { name: "publish", method: "publish", summary: "Publish (needs a complete safety plan offline; insurance at elevated risk)" },
      { name: "complete", method: "complete", summary: "Mark a started activity completed" },
      { name: "cancel", method: "cancel", input: ActivityCancel, summary: "Cancel with a reason" }
    ]
  }),
  entry("participations", Participations, Participation, "Sign-ups (POST is the sign-up) and attendance", {
    create: ParticipationSignUp,
    update: ParticipationUpdate,
    actions: [
      { name: "confirm", method: "confirm", summary: "Confirm a sign-up" },
      { name: "attend", method: "attend", input: ParticipationAttend, summary: "Record attendance with hours" },
      { name: "mark-absent", method: "markAbsent", summary: "Record an absence" },
      { name: "withdraw", method: "withdraw", summary: "Withdraw (the first waitlisted moves up)" },
      {
        name: "correct-hours",
        method: "correctHours",
        input: HoursCorrection,
        summary: "Correct recorded hours (appended, never overwritten)"
      }
    ]
  }),
  entry("service-hours", ServiceHours, ServiceHour, "The append-only service-hour ledger (read-only)", { readOnly: true }),
  entry("pairings", Pairings, Pairing, "Mentoring pairings: proposed → active → concluded | declined | ended", {
    create: PairingCreate,
    update: PairingUpdate,
    actions: [
      { name: "activate", method: "activate", summary: "Activate (mentor limit, one mentor per pupil)" },
      { name: "decline", method: "decline", input: PairingClose, summary: "Decline a proposed pairing" },
      { name: "conclude", method: "conclude", summary: "Conclude an active pairing" },
      { name: "end", method: "end", input: PairingClose, summary: "End an active pairing early" }
    ]
  }),
  entry("pairing-check-ins", PairingCheckIns, PairingCheckIn, "Meetings of active pairings; their hours count as service", {
    create: PairingCheckInCreate,
    update: Schema.partial(Schema.Struct({ notes: Schema.String }))
  }),
  entry(
    "experience-reports",
    ExperienceReports,
    ExperienceReport,
    "Good-practice reports: draft → submitted → accepted | returned → published",
    {
      create: ExperienceReportCreate,
      update: ExperienceReportUpdate,
      actions: [
        { name: "submit", method: "submit", summary: "Submit to the city bureau" },
        { name: "accept", method: "accept", summary: "Accept (city admins)" },
        { name: "return", method: "return", input: ReportReturn, summary: "Return with notes (city admins)" },
        { name: "publish", method: "publish", input: ReportPublish, summary: "Publish an accepted report (city admins)" }
      ]
    }
  ),
  entry("brand-projects", BrandProjects, BrandProject, "Brand projects grouping activities", {
    create: BrandProjectCreate,
    update: BrandProjectUpdate
  }),
  entry("exemplars", Exemplars, Exemplar, "Exemplary volunteers recognised in a year", { create: ExemplarCreate, update: ExemplarUpdate }),
  entry("users", Users, UserView, "Accounts (city admins only; anyone reads their own)", {
    create: UserBody,
    update: Schema.partial(UserBody)
  }),
  entry("audit-log", AuditLog, AuditEntry, "Who changed what, when (read-only, scoped)", { readOnly: true }),
  entry("certificates", Certificates, Certificate, "Issued service certificates (志愿服务证明), frozen at issue (read-only, scoped)", {
    readOnly: true
  })
]

export const RESOURCE_BY_NAME: ReadonlyMap<string, ResourceEntry> = new Map(RESOURCE_TABLE.map((e) => [e.name, e]))
