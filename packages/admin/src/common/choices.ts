import { CATEGORIES, ENUM_LABELS, EXPERTISE_FIELDS } from "@yinfa/core"

/** Choices whose names are catalogue keys; react-admin's choice inputs and SelectField translate them. */
const enumChoices = (name: string, values: ReadonlyArray<string>) => values.map((id) => ({ id, name: `yinfa.enum.${name}.${id}` }))

export const categoryChoices = CATEGORIES.map((c) => ({ id: c.code, name: `yinfa.category.${c.code}` }))

/** Formats of one category, or of all (deduplicated: 技术指导 belongs to two). */
export const formatChoices = (category?: string | null) => {
  const defs = category ? CATEGORIES.filter((c) => c.code === category) : CATEGORIES
  const seen = new Set<string>()
  return defs
    .flatMap((c) => c.formats)
    .filter((f) => {
      if (seen.has(f.code)) return false
      seen.add(f.code)
      return true
    })
    .map((f) => ({ id: f.code, name: `yinfa.format.${f.code}` }))
}

export const expertiseChoices = EXPERTISE_FIELDS.map((e) => ({ id: e.code, name: `yinfa.expertise.${e.code}` }))

const ENUMS = {
  gender: ["male", "female"],
  fitness: ["good", "limited", "online-only"],
  channel: ["online", "offline", "hybrid"],
  acceptedChannel: ["online", "offline"],
  volunteerStatus: ["active", "paused", "archived"],
  archiveReason: ["health", "moved", "deceased", "withdrew"],
  retirementType: ["tuixiu", "lixiu"],
  activityStatus: ["draft", "published", "completed", "cancelled"],
  riskLevel: ["low", "elevated"],
  participationStatus: ["signed-up", "waitlisted", "confirmed", "attended", "absent", "withdrawn"],
  pairingStatus: ["proposed", "active", "concluded", "declined", "ended"],
  pairingEndReason: ["health", "moved", "finished-school", "other"],
  menteeType: ["young-cadre", "young-talent", "pupil"],
  checkInMode: ["in-person", "online", "phone"],
  reportStatus: ["draft", "submitted", "accepted", "returned", "published"],
  organizationKind: ["bureau", "department", "partner", "party-branch", "beneficiary"],
  regionKind: ["district", "county", "county-city", "zone", "city-level"],
  role: ["city-admin", "region-admin", "viewer"],
  exemplarLevel: ["city", "county"],
  serviceHourSource: ["attendance", "correction", "check-in"],
  auditAction: Object.keys(ENUM_LABELS["zh-CN"].auditAction)
} as const

export const choicesOf = (name: keyof typeof ENUMS) => enumChoices(name, ENUMS[name])
