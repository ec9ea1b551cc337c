import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from "kysely"
import type { SqlDialect } from "../dialect.js"

/**
 * The initial schema. Frozen in time: it spells every table out instead of reading the core
 * registry, so a later change to the domain needs a new migration, never an edit here.
 *
 * Column kinds:
 * - `s`  short text, varchar(255): identifiers, codes, enumerations, names, dates, phones, hashes.
 *        Everything the dashboard filters, sorts or indexes on is short (MySQL cannot index text).
 * - `t`  long text: prose people write (descriptions, bodies, citations, notes, reasons, feedback,
 *        summaries) — the domain allows up to 20 000 characters for a report body.
 * - `j`  JSON text: `string[]` arrays and structured values.
 * - `n`  double precision: hours like 2.5 round-trip; integers are exact up to 2^53.
 * - `b`  boolean.
 * A trailing `?` makes the column nullable. Every table has `id varchar(64)` as its primary key
 * (ids are at most 64 characters in the domain), spelled NOT NULL because SQLite lets NULL into
 * a primary key that is not an INTEGER one.
 */
type Kind = "s" | "t" | "j" | "n" | "b"
type ColumnSpec = Kind | `${Kind}?`

const TABLES: Record<string, Record<string, ColumnSpec>> = {
  regions: { code: "s", name: "s", name_en: "s", kind: "s", parent_code: "s?", slug: "s", sort_order: "n" },
  organizations: {
    name: "s",
    kind: "s",
    region_code: "s",
    contact_name: "s",
    contact_phone: "s?",
    address: "s",
    created_at: "s",
    updated_at: "s"
  },
  volunteers: {
    volunteer_number: "s",
    name: "s",
    gender: "s",
    birth_date: "s",
    id_number: "s?",
    phone: "s?",
    region_code: "s",
    former_unit: "s",
    former_position: "s",
    retirement_type: "s",
    party_member: "b",
    party_branch_id: "s?",
    expertise: "j",
    expertise_years: "j",
    interests: "j",
    talent_pool: "b",
    fitness: "s?",
    monthly_hours: "n",
    channels: "j",
    consent_at: "s",
    health_data_consent_at: "s?",
    joined_at: "s",
    status: "s",
    archive_reason: "s?",
    archive_note: "t",
    created_at: "s",
    updated_at: "s"
  },
  activities: {
    title: "s",
    category: "s",
    format: "s",
    description: "t",
    organizer_id: "s?",
    partner_ids: "j",
    region_code: "s",
    channel: "s",
    venue: "s",
    starts_at: "s",
    ends_at: "s",
    volunteers_needed: "n",
    required_expertise: "j",
    beneficiary_group: "s",
    beneficiary_count: "n",
    brand_project_id: "s?",
    risk_level: "s",
    safety_plan: "j?",
    status: "s",
    cancel_reason: "t",
    published_at: "s?",
    completed_at: "s?",
    created_at: "s",
    updated_at: "s"
  },
  participations: {
    activity_id: "s",
    volunteer_id: "s",
    region_code: "s",
    status: "s",
    role: "s",
    hours: "n?",
    feedback: "t",
    verified_by: "s?",
    recorded_at: "s?",
    recorded_late: "b",
    override_reason: "t?",
    signed_up_at: "s",
    confirmed_at: "s?",
    withdrawn_at: "s?",
    created_at: "s",
    updated_at: "s"
  },
  service_hours: {
    volunteer_id: "s",
    region_code: "s",
    category: "s",
    source: "s",
    participation_id: "s?",
    pairing_id: "s?",
    check_in_id: "s?",
    service_date: "s",
    hours: "n",
    reason: "t",
    recorded_by: "s",
    recorded_at: "s",
    late: "b"
  },
  pairings: {
    mentor_id: "s",
    mentee_type: "s?",
    mentee_name: "s",
    mentee_unit: "s",
    guardian_contact: "s?",
    beneficiary_organization_id: "s?",
    region_code: "s",
    category: "s",
    goals: "t",
    status: "s",
    started_on: "s?",
    ended_on: "s?",
    end_reason: "s?",
    end_note: "t",
    created_at: "s",
    updated_at: "s"
  },
  pairing_check_ins: {
    pairing_id: "s",
    region_code: "s",
    date: "s",
    hours: "n",
    mode: "s",
    notes: "t",
    recorded_by: "s",
    created_at: "s"
  },
  experience_reports: {
    title: "s",
    category: "s",
    region_code: "s",
    body: "t",
    activity_ids: "j",
    status: "s",
    reviewer_notes: "t",
    featured: "b",
    author_id: "s",
    submitted_at: "s?",
    reviewed_at: "s?",
    published_at: "s?",
    created_at: "s",
    updated_at: "s"
  },
  brand_projects: {
    name: "s",
    description: "t",
    category: "s",
    owner_organization_id: "s?",
    region_code: "s",
    year_started: "n",
    created_at: "s",
    updated_at: "s"
  },
  exemplars: {
    volunteer_id: "s",
    level: "s",
    year: "n",
    title: "s",
    citation: "t",
    region_code: "s",
    created_at: "s",
    updated_at: "s"
  },
  users: {
    username: "s",
    display_name: "s",
    role: "s",
    region_code: "s?",
    active: "b",
    password_hash: "s",
    created_at: "s",
    updated_at: "s"
  },
  audit_log: {
    at: "s",
    actor_id: "s",
    actor_name: "s",
    actor_role: "s",
    resource: "s",
    record_id: "s",
    action: "s",
    region_code: "s?",
    changes: "j",
    note: "t"
  },
  sessions: { token_hash: "s", user_id: "s", expires_at: "s", created_at: "s" },
  certificates: {
    certificate_number: "s",
    volunteer_id: "s",
    region_code: "s",
    volunteer_name: "s",
    volunteer_number: "s",
    masked_id_number: "s?",
    total_hours: "n",
    star_level: "n",
    service_summary: "t",
    period_from: "s?",
    period_to: "s?",
    issuer: "s",
    issued_by: "s",
    issued_on: "s",
    created_at: "s"
  }
}

/**
 * Unique indexes, named `<table>_<columns>_unique`: the store maps a violated index back to the
 * fields it covers by this name. Plain unique indexes let any number of NULLs through on all three
 * databases, which is the domain's rule ("nulls never collide").
 */
const UNIQUE: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["regions", ["code"]],
  ["regions", ["slug"]],
  ["volunteers", ["volunteer_number"]],
  ["volunteers", ["id_number"]],
  ["volunteers", ["phone"]],
  ["users", ["username"]],
  ["sessions", ["token_hash"]],
  ["certificates", ["certificate_number"]]
]

/**
 * Indexes for the dashboard's filters and sorts, the jurisdiction filter (`region_code`), the
 * foreign keys services look rows up by, and the reporting aggregates.
 */
const INDEXES: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["regions", ["parent_code"]],
  ["organizations", ["region_code"]],
  ["volunteers", ["region_code"]],
  ["volunteers", ["status"]],
  ["volunteers", ["name"]],
  ["volunteers", ["joined_at"]],
  ["volunteers", ["birth_date"]],
  ["volunteers", ["created_at"]],
  ["activities", ["region_code"]],
  ["activities", ["status"]],
  ["activities", ["category"]],
  ["activities", ["starts_at"]],
  ["participations", ["activity_id"]],
  ["participations", ["volunteer_id"]],
  ["participations", ["status"]],
  ["participations", ["region_code"]],
  ["service_hours", ["volunteer_id"]],
  ["service_hours", ["region_code", "category", "service_date"]],
  ["service_hours", ["service_date"]],
  ["service_hours", ["participation_id"]],
  ["pairings", ["mentor_id"]],
  ["pairings", ["status"]],
  ["pairings", ["region_code"]],
  ["pairing_check_ins", ["pairing_id"]],
  ["experience_reports", ["region_code"]],
  ["experience_reports", ["status"]],
  ["brand_projects", ["region_code"]],
  ["exemplars", ["volunteer_id"]],
  ["exemplars", ["region_code"]],
  ["users", ["region_code"]],
  ["audit_log", ["record_id"]],
  ["audit_log", ["at"]],
  ["audit_log", ["region_code"]],
  ["sessions", ["user_id"]],
  ["certificates", ["volunteer_id"]],
  ["certificates", ["region_code"]]
]

/**
 * MySQL/MariaDB: compare strings by code point, like SQLite, PostgreSQL "C" and the memory
 * store, so equality is case-sensitive and Chinese sorts the same everywhere. A NO PAD binary
 * collation also keeps 'a' and 'a ' apart; the PAD SPACE `utf8mb4_bin` is the fallback on
 * servers that have neither (MySQL 8 has `utf8mb4_0900_bin`, MariaDB `utf8mb4_nopad_bin`).
 */
const mysqlCollation = async (db: Kysely<any>): Promise<string> => {
  const preferred = ["utf8mb4_0900_bin", "utf8mb4_nopad_bin"]
  const { rows } = await sql<{ name: string }>`
    select collation_name as name from information_schema.collations
    where collation_name in (${sql.join(preferred)})`.execute(db)
  const found = new Set(rows.map((r) => r.name))
  return preferred.find((c) => found.has(c)) ?? "utf8mb4_bin"
}

const columnType = (dialect: SqlDialect, kind: Kind) => {
  switch (kind) {
    case "s":
      return sql`varchar(255)`
    case "t":
    case "j":
      // MySQL's TEXT holds 64 KB, less than a 20 000-character Chinese report in utf8mb4.
      return dialect === "mysql" ? sql`mediumtext` : sql`text`
    case "n":
      return sql`double precision`
    case "b":
      // SQLite has no boolean type: integer 0/1 (the store converts). MySQL's boolean is tinyint(1).
      return dialect === "sqlite" ? sql`integer` : sql`boolean`
  }
}

export const initial = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<any>) {
    const collation = dialect === "mysql" ? await mysqlCollation(db) : null
    // PostgreSQL: every text column sorts and compares bytewise (code point order), whatever
    // locale the database was created with.
    const collate = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
      dialect === "postgres" ? col.modifyFront(sql`collate "C"`) : col
    const table = (name: string) => {
      const t = db.schema.createTable(name)
      return collation ? t.modifyEnd(sql.raw(`engine=InnoDB default charset=utf8mb4 collate=${collation}`)) : t
    }

    for (const [name, columns] of Object.entries(TABLES)) {
      let t = table(name).addColumn("id", sql`varchar(64)`, (c) => collate(c).primaryKey().notNull())
      for (const [column, spec] of Object.entries(columns)) {
        const kind = spec[0] as Kind
        const nullable = spec.endsWith("?")
        t = t.addColumn(column, columnType(dialect, kind), (c) => {
          const typed = kind === "s" || kind === "t" || kind === "j" ? collate(c) : c
          return nullable ? typed : typed.notNull()
        })
      }
      await t.execute()
    }

    await table("sequences")
      .addColumn("name", sql`varchar(255)`, (c) => collate(c).primaryKey().notNull())
      .addColumn("value", "bigint", (c) => c.notNull())
      .execute()

    for (const [name, columns] of UNIQUE) {
      await db.schema
        .createIndex(`${name}_${columns.join("_")}_unique`)
        .on(name)
        .columns([...columns])
        .unique()
        .execute()
    }
    for (const [name, columns] of INDEXES) {
      await db.schema
        .createIndex(`${name}_${columns.join("_")}_idx`)
        .on(name)
        .columns([...columns])
        .execute()
    }
  },

  async down(db: Kysely<any>) {
    for (const name of [...Object.keys(TABLES), "sequences"].reverse()) await db.schema.dropTable(name).ifExists().execute()
  }
})
