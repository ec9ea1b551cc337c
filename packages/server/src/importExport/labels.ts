import { CATEGORIES, EXPERTISE_FIELDS } from "@yinfa/core"

/**
 * Chinese labels of the enumerations, as spreadsheets show them (the same wording as the
 * dashboard's catalogue). Files are for bureau clerks: zh-CN only.
 */
export const ENUM_LABELS = {
  gender: { male: "男", female: "女" },
  fitness: { good: "良好", limited: "一般（仅限轻度线下活动）", "online-only": "仅线上" },
  channel: { online: "线上", offline: "线下", hybrid: "线上线下结合" },
  acceptedChannel: { online: "线上", offline: "线下" },
  volunteerStatus: { active: "在册", paused: "暂停", archived: "已归档" },
  archiveReason: { health: "身体原因", moved: "迁居", deceased: "去世", withdrew: "本人退出" },
  retirementType: { lixiu: "离休", tuixiu: "退休" },
  activityStatus: { draft: "草稿", published: "已发布", completed: "已完成", cancelled: "已取消" },
  riskLevel: { low: "一般", elevated: "较高" },
  participationStatus: {
    "signed-up": "已报名",
    waitlisted: "候补",
    confirmed: "已确认",
    attended: "已参加",
    absent: "缺席",
    withdrawn: "已退出"
  },
  pairingStatus: { proposed: "拟结对", active: "进行中", concluded: "已结束", declined: "未结对", ended: "提前终止" },
  pairingEndReason: { health: "身体原因", moved: "迁居", "finished-school": "帮带对象已毕业", other: "其他" },
  menteeType: { "young-cadre": "年轻干部", "young-talent": "青年人才", pupil: "中小学生" },
  checkInMode: { "in-person": "面对面", online: "线上", phone: "电话" },
  reportStatus: { draft: "草稿", submitted: "已报送", accepted: "已采用", returned: "已退回", published: "已发布" },
  organizationKind: {
    bureau: "老干部局",
    department: "职能部门",
    partner: "合作单位",
    "party-branch": "离退休干部党支部",
    beneficiary: "服务对象单位"
  },
  regionKind: { district: "区", county: "县", "county-city": "县级市", zone: "功能区", "city-level": "市直" },
  role: { "city-admin": "市级管理员", "region-admin": "辖区管理员", viewer: "只读用户" },
  exemplarLevel: { city: "市级", county: "县级" },
  serviceHourSource: { attendance: "活动签到", correction: "更正", "check-in": "帮带记录" },
  category: Object.fromEntries(CATEGORIES.map((c) => [c.code, c.label["zh-CN"]])),
  expertise: Object.fromEntries(EXPERTISE_FIELDS.map((e) => [e.code, e.label["zh-CN"]])),
  format: Object.fromEntries(CATEGORIES.flatMap((c) => c.formats.map((f) => [f.code, f.label["zh-CN"]])))
} as const satisfies Record<string, Record<string, string>>

export type EnumName = keyof typeof ENUM_LABELS

export const enumLabel = (name: EnumName, value: unknown): string => {
  if (value === null || value === undefined) return ""
  const labels = ENUM_LABELS[name] as Record<string, string>
  return labels[String(value)] ?? String(value)
}

export const yesNo = (b: unknown): string => (b === true ? "是" : b === false ? "否" : "")

/**
 * What people type into a cell, made comparable: full-width letters, digits and spaces become
 * ASCII (NFKC), white space of any kind (line breaks in header cells too) goes, latin lower case.
 */
export const normalizeText = (s: string): string =>
  s
    .normalize("NFKC")
    .replace(/[\s\u3000\u200b\ufeff]+/g, "")
    .toLowerCase()

/**
 * A header cell as a matching key: normalised, without the "*" that marks required columns and
 * without notes in brackets ("出生日期（YYYY-MM-DD）").
 */
export const normalizeHeader = (s: string): string =>
  normalizeText(s)
    .replace(/[*＊]/g, "")
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, "")

/** Separators of multi-valued cells. "/" is not one: the label 法律/调解 contains it. */
export const splitList = (s: string): Array<string> =>
  s
    .normalize("NFKC")
    .split(/[、,，;；\n|｜]+|\s{1,}/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0)
