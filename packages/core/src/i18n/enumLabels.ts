import type { Locale } from "./catalogues.js"

/**
 * Labels of the enumerations (statuses, roles, kinds…) in each language: one wording for the
 * dashboard, spreadsheets and printed documents. Categories, formats and expertise fields carry
 * their labels in domain/categories.ts.
 */
const zhCN = {
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
  /** What an audit entry records: a write, a workflow step, or a read of sensitive data. */
  auditAction: {
    create: "新增",
    update: "修改",
    delete: "删除",
    "read-sensitive": "查看敏感信息",
    publish: "发布",
    cancel: "取消",
    complete: "标记完成",
    confirm: "确认报名",
    promote: "候补转正",
    withdraw: "退出",
    attend: "登记出勤",
    absent: "记为缺席",
    "correct-hours": "更正服务时长",
    submit: "报送",
    accept: "采用",
    return: "退回",
    activate: "开始结对",
    conclude: "结束结对",
    decline: "不予结对",
    end: "提前终止",
    archive: "归档",
    pause: "暂停",
    reactivate: "恢复",
    issue: "出具证明"
  }
} as const

export type EnumLabels = { readonly [E in keyof typeof zhCN]: { readonly [V in keyof (typeof zhCN)[E]]: string } }

const en: EnumLabels = {
  gender: { male: "Male", female: "Female" },
  fitness: { good: "Good", limited: "Limited (light offline work only)", "online-only": "Online only" },
  channel: { online: "Online", offline: "In person", hybrid: "Hybrid" },
  acceptedChannel: { online: "Online", offline: "In person" },
  volunteerStatus: { active: "Active", paused: "Paused", archived: "Archived" },
  archiveReason: { health: "Health", moved: "Moved away", deceased: "Deceased", withdrew: "Withdrew" },
  retirementType: { lixiu: "Lixiu (pre-1949 cadre)", tuixiu: "Retired" },
  activityStatus: { draft: "Draft", published: "Published", completed: "Completed", cancelled: "Cancelled" },
  riskLevel: { low: "Low", elevated: "Elevated" },
  participationStatus: {
    "signed-up": "Signed up",
    waitlisted: "Waitlisted",
    confirmed: "Confirmed",
    attended: "Attended",
    absent: "Absent",
    withdrawn: "Withdrawn"
  },
  pairingStatus: { proposed: "Proposed", active: "Active", concluded: "Concluded", declined: "Declined", ended: "Ended early" },
  pairingEndReason: { health: "Health", moved: "Moved away", "finished-school": "Mentee finished school", other: "Other" },
  menteeType: { "young-cadre": "Young cadre", "young-talent": "Young talent", pupil: "Pupil" },
  checkInMode: { "in-person": "In person", online: "Online", phone: "Phone" },
  reportStatus: { draft: "Draft", submitted: "Submitted", accepted: "Accepted", returned: "Returned", published: "Published" },
  organizationKind: {
    bureau: "Veteran cadres bureau",
    department: "Government department",
    partner: "Partner",
    "party-branch": "Retirees' Party branch",
    beneficiary: "Beneficiary"
  },
  regionKind: { district: "District", county: "County", "county-city": "County-level city", zone: "Zone", "city-level": "City level" },
  role: { "city-admin": "City administrator", "region-admin": "Region administrator", viewer: "Viewer" },
  exemplarLevel: { city: "City", county: "County" },
  serviceHourSource: { attendance: "Attendance", correction: "Correction", "check-in": "Pairing check-in" },
  auditAction: {
    create: "Created",
    update: "Changed",
    delete: "Deleted",
    "read-sensitive": "Viewed sensitive details",
    publish: "Published",
    cancel: "Cancelled",
    complete: "Completed",
    confirm: "Sign-up confirmed",
    promote: "Moved off the waitlist",
    withdraw: "Withdrew",
    attend: "Attendance recorded",
    absent: "Marked absent",
    "correct-hours": "Hours corrected",
    submit: "Submitted",
    accept: "Accepted",
    return: "Returned",
    activate: "Pairing started",
    conclude: "Pairing concluded",
    decline: "Pairing declined",
    end: "Ended early",
    archive: "Archived",
    pause: "Paused",
    reactivate: "Reactivated",
    issue: "Certificate issued"
  }
}

export const ENUM_LABELS: Readonly<Record<Locale, EnumLabels>> = { "zh-CN": zhCN, en }
