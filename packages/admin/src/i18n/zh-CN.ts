import { CATALOGUES, CATEGORIES, ENUM_LABELS, EXPERTISE_FIELDS } from "@yinfa/core"
import { raZhCN } from "./ra-zh-CN.js"
import { polyglotTemplates } from "./templates.js"

// Category, format and expertise labels come from core so the dashboard and the server never disagree.
const categoryLabels = Object.fromEntries(CATEGORIES.map((c) => [c.code, c.label["zh-CN"]]))
const formatLabels = Object.fromEntries(CATEGORIES.flatMap((c) => c.formats.map((f) => [f.code, f.label["zh-CN"]])))
const expertiseLabels = Object.fromEntries(EXPERTISE_FIELDS.map((e) => [e.code, e.label["zh-CN"]]))

const audit = {
  id: "编号",
  createdAt: "创建时间",
  updatedAt: "更新时间",
  regionCode: "辖区"
}

/** yinfa's own labels in Chinese; `en.ts` must have the same shape (checked by its type). */
export const yinfaZhCN = {
  resources: {
    regions: {
      name: "辖区 |||| 辖区",
      fields: { code: "代码", name: "名称", nameEn: "英文名称", kind: "类型", parentCode: "上级代码", slug: "简称", sortOrder: "排序" }
    },
    organizations: {
      name: "单位 |||| 单位",
      fields: { ...audit, name: "名称", kind: "类型", contactName: "联系人", contactPhone: "联系电话", address: "地址" }
    },
    volunteers: {
      name: "志愿者 |||| 志愿者",
      fields: {
        ...audit,
        q: "搜索",
        volunteerNumber: "志愿者编号",
        name: "姓名",
        gender: "性别",
        birthDate: "出生日期",
        idNumber: "身份证号码",
        phone: "手机号码",
        formerUnit: "原单位",
        formerPosition: "原职务",
        retirementType: "离退休类型",
        partyMember: "中共党员",
        partyBranchId: "所在党支部",
        expertise: "专长领域",
        expertiseYears: "从业年限",
        interests: "服务意向",
        talentPool: "银发人才库",
        fitness: "身体状况",
        monthlyHours: "每月可服务时长（小时）",
        channels: "可接受的服务方式",
        consentAt: "本人同意时间",
        healthDataConsentAt: "健康信息单独同意时间",
        joinedAt: "加入日期",
        status: "状态",
        archiveReason: "归档原因",
        archiveNote: "归档说明",
        interests_inc: "服务意向",
        expertise_inc: "专长领域"
      }
    },
    activities: {
      name: "活动 |||| 活动",
      fields: {
        ...audit,
        q: "搜索",
        title: "活动名称",
        category: "类别",
        format: "活动形式",
        description: "活动内容",
        organizerId: "主办单位",
        partnerIds: "协办单位",
        channel: "开展方式",
        venue: "地点",
        startsAt: "开始时间",
        endsAt: "结束时间",
        startsAt_gte: "开始时间不早于",
        startsAt_lte: "开始时间不晚于",
        volunteersNeeded: "所需志愿者人数",
        requiredExpertise: "所需专长",
        beneficiaryGroup: "服务对象",
        beneficiaryCount: "受益人数",
        brandProjectId: "品牌项目",
        riskLevel: "风险等级",
        safetyPlan: "安全预案",
        "safetyPlan.medicalAid": "医疗救护",
        "safetyPlan.transport": "交通出行",
        "safetyPlan.insurer": "保险公司",
        "safetyPlan.insurancePolicyNumber": "保单号",
        "safetyPlan.epidemicMeasures": "防疫措施",
        "safetyPlan.risksDisclosed": "已告知志愿者的风险",
        status: "状态",
        cancelReason: "取消原因",
        publishedAt: "发布时间",
        completedAt: "完成时间"
      }
    },
    participations: {
      name: "参与记录 |||| 参与记录",
      fields: {
        ...audit,
        activityId: "活动",
        volunteerId: "志愿者",
        status: "状态",
        role: "角色",
        hours: "服务时长（小时）",
        feedback: "服务反馈",
        verifiedBy: "核实人",
        recordedAt: "记录时间",
        recordedLate: "逾期记录",
        overrideReason: "超出限制的本人同意说明",
        signedUpAt: "报名时间",
        confirmedAt: "确认时间",
        withdrawnAt: "退出时间"
      }
    },
    "service-hours": {
      name: "服务时长 |||| 服务时长",
      fields: {
        ...audit,
        volunteerId: "志愿者",
        category: "类别",
        source: "来源",
        participationId: "参与记录",
        pairingId: "结对",
        checkInId: "帮带记录",
        serviceDate: "服务日期",
        serviceDate_gte: "服务日期不早于",
        serviceDate_lte: "服务日期不晚于",
        hours: "时长（小时）",
        reason: "说明",
        recordedBy: "记录人",
        recordedAt: "记录时间",
        late: "逾期记录"
      }
    },
    pairings: {
      name: "结对帮带 |||| 结对帮带",
      fields: {
        ...audit,
        mentorId: "导师",
        menteeType: "帮带对象类型",
        menteeName: "帮带对象姓名",
        menteeUnit: "学校或单位",
        guardianContact: "监护人联系方式",
        beneficiaryOrganizationId: "对接单位",
        category: "类别",
        goals: "帮带目标",
        status: "状态",
        startedOn: "开始日期",
        endedOn: "结束日期",
        endReason: "结束原因",
        endNote: "结束说明"
      }
    },
    "pairing-check-ins": {
      name: "帮带记录 |||| 帮带记录",
      fields: { ...audit, pairingId: "结对", date: "日期", hours: "时长（小时）", mode: "方式", notes: "记录", recordedBy: "记录人" }
    },
    "experience-reports": {
      name: "经验做法 |||| 经验做法",
      fields: {
        ...audit,
        q: "搜索",
        title: "标题",
        category: "类别",
        body: "正文",
        activityIds: "相关活动",
        status: "状态",
        reviewerNotes: "审核意见",
        featured: "精选",
        authorId: "报送人",
        submittedAt: "报送时间",
        reviewedAt: "审核时间",
        publishedAt: "发布时间"
      }
    },
    "brand-projects": {
      name: "品牌项目 |||| 品牌项目",
      fields: {
        ...audit,
        q: "搜索",
        name: "名称",
        description: "简介",
        category: "类别",
        ownerOrganizationId: "牵头单位",
        yearStarted: "创立年份"
      }
    },
    exemplars: {
      name: "先进典型 |||| 先进典型",
      fields: { ...audit, volunteerId: "志愿者", level: "级别", year: "年度", title: "称号", citation: "事迹" }
    },
    certificates: {
      name: "服务证明 |||| 服务证明",
      fields: {
        ...audit,
        q: "搜索",
        certificateNumber: "证明编号",
        volunteerId: "志愿者",
        volunteerName: "姓名",
        volunteerNumber: "志愿者编号",
        maskedIdNumber: "身份证号码",
        totalHours: "服务时长",
        starLevel: "星级",
        serviceSummary: "服务情况",
        periodFrom: "服务期间起",
        periodTo: "服务期间止",
        issuer: "出具单位",
        issuedBy: "开具人",
        issuedOn: "开具日期"
      }
    },
    users: {
      name: "用户 |||| 用户",
      fields: { ...audit, username: "用户名", displayName: "姓名", role: "角色", active: "启用", password: "密码" }
    },
    "audit-log": {
      name: "操作日志 |||| 操作日志",
      fields: {
        ...audit,
        at: "时间",
        actorId: "操作人编号",
        actorName: "操作人",
        actorRole: "操作人角色",
        resource: "资源",
        recordId: "记录编号",
        action: "操作",
        changes: "变更",
        note: "说明"
      }
    }
  },
  yinfa: {
    app: { title: "银发再出发", language: "语言", zh: "简体中文", en: "English" },
    category: categoryLabels,
    format: formatLabels,
    expertise: expertiseLabels,
    /** Core's own messages (form validation, matching explanations), worded exactly as the server words them. */
    core: polyglotTemplates(CATALOGUES["zh-CN"]),
    enum: {
      ...ENUM_LABELS["zh-CN"],
      matchFactor: {
        expertise: "专长匹配",
        interest: "服务意向",
        region: "所在辖区",
        channel: "服务方式",
        fitness: "身体状况",
        capacity: "剩余可服务时长"
      }
    },
    action: {
      publish: "发布",
      complete: "标记完成",
      cancel: "取消活动",
      confirm: "确认参加",
      attend: "记录出勤与时长",
      withdraw: "退出",
      absent: "标记缺席",
      correctHours: "更正时长",
      activate: "开始结对",
      decline: "不结对",
      conclude: "结束结对",
      end: "提前终止",
      submit: "报送",
      accept: "采用",
      return: "退回",
      publishReport: "发布",
      reveal: "查看完整信息",
      pause: "暂停",
      archive: "归档",
      reactivate: "恢复",
      signUp: "报名",
      addCheckIn: "添加帮带记录",
      apply: "应用"
    },
    dialog: {
      reason: "原因",
      note: "说明",
      hours: "服务时长（小时）",
      feedback: "服务反馈",
      notes: "审核意见",
      featured: "设为精选",
      overrideReason: "超出限制时，请注明本人同意的情况",
      cancelTitle: "取消活动",
      attendTitle: "记录出勤与服务时长",
      correctTitle: "更正服务时长",
      declineTitle: "不结对",
      endTitle: "提前终止结对",
      returnTitle: "退回经验做法",
      publishTitle: "发布经验做法",
      checkInTitle: "添加帮带记录",
      sensitiveTitle: "完整信息",
      sensitiveWarning: "查看身份证号码和手机号码会记入操作日志。",
      archiveTitle: "归档志愿者",
      archiveHelp: "归档后该志愿者不再参与匹配和报名，服务记录保留；需要时可以恢复。"
    },
    importExport: {
      importVolunteers: "导入名册",
      importAttendance: "导入签到表",
      titleVolunteers: "导入志愿者名册",
      titleAttendance: "导入签到表",
      step1: "第一步：下载导入模板，按“说明”表填写。",
      template: "下载模板",
      step2: "第二步：选择填好的文件（.xlsx 或 .csv）。",
      file: "选择文件",
      region: "导入辖区",
      regionFromFile: "按文件中的“所属辖区”列",
      regionHelp: "留空则按文件每行的“所属辖区”列确定辖区；选定后所有行都导入该辖区（该列可不填，填了其他辖区的行会报错）。",
      validOnly: "仅导入正确的行（默认：有任何一行错误则全部不导入）",
      uploading: "正在上传…",
      checking: "正在校验并导入，请勿关闭…",
      rowsProgress: "已读取 %{parsed} 行，已写入 %{written} 行，%{failed} 行有错误",
      report: "错误报告",
      row: "行号",
      column: "列",
      problem: "问题",
      more: "另有 %{count} 条未列出，请下载错误报告查看",
      downloadReport: "下载错误报告",
      close: "关闭",
      start: "开始导入",
      summaryRolledBack: "共 %{rows} 行，其中 %{invalid} 行有错误，全部未导入。",
      summaryWritten: "共 %{rows} 行，已导入 %{written} 行。",
      exportXlsx: "导出 Excel",
      exportCsv: "导出 CSV",
      reveal: "含完整身份证号/手机号",
      revealHelp: "导出文件将包含完整的身份证号码和手机号码，每条记录的读取都会记入操作日志。",
      templateFileVolunteers: "志愿者名册导入模板.xlsx",
      templateFileAttendance: "签到表导入模板.xlsx",
      reportFile: "导入错误报告.xlsx",
      networkError: "无法连接服务器，请检查网络后重试。",
      requestFailed: "请求失败（HTTP %{status}），请稍后重试。"
    },
    certificate: {
      issue: "开具服务证明",
      none: "还没有开具服务证明。",
      howToIssue: "服务证明在志愿者详情页点击“开具服务证明”开具；开具后在此列出，可打印，并可凭编号公开查验。",
      verifyLink: "查验服务证明",
      issueTitle: "开具志愿服务证明",
      issueHelp: "证明载明所选期间内已核实的服务时长；期间留空则统计全部。",
      issued: "已开具服务证明 %{number}",
      print: "打印证明",
      printNow: "打印",
      openInTab: "在新标签页打开",
      documentTitle: "服务证明",
      verify: {
        title: "志愿服务证明查验",
        help: "请输入证明上印制的编号",
        check: "查验",
        valid: "该服务证明真实有效，内容如下：",
        notFound: "未找到编号为 %{number} 的服务证明，请核对后重试。",
        period: "服务期间",
        allTime: "全部服务时长",
        issuer: "出具单位",
        personInCharge: "负责人",
        contact: "联系方式",
        stars: "%{stars}（%{level} 星）",
        signIn: "工作人员登录"
      }
    },
    notify: { done: "操作成功", signedUp: "已报名", checkInAdded: "已添加帮带记录" },
    common: { hours: "%{hours} 小时", none: "—", yes: "是", no: "否" },
    auditLog: { before: "变更前", after: "变更后" },
    volunteer: {
      tabs: { profile: "基本信息", service: "服务记录", pairings: "结对帮带", participations: "参与的活动", audit: "操作记录" },
      sections: { identity: "身份信息", background: "原任职情况", service: "服务意愿", consent: "同意与健康信息" },
      totalHours: "累计服务时长",
      starLevel: "星级",
      hoursToNextStar: "距下一星级还需",
      activitiesAttended: "参加活动次数",
      checkInHours: "帮带时长",
      byCategory: "按类别",
      noStar: "暂未评星",
      fitnessNeedsConsent: "取得健康信息单独同意后才能填写身体状况",
      consentHelp: "志愿者本人同意加入并同意处理其个人信息的时间（必填）"
    },
    activity: {
      tabs: { summary: "活动信息", safety: "安全预案", participants: "参与志愿者", candidates: "推荐志愿者" },
      safetyHelp: "线下或线上线下结合的活动，须有完整的安全预案才能发布；风险较高的活动须有保险。",
      score: "匹配度",
      remainingHours: "本月剩余可服务时长",
      eligible: "符合条件",
      ineligible: "需本人同意超出限制",
      noCandidates: "暂无合适的志愿者",
      candidatesAfterStart: "活动已开始：在此报名用于补录实际参加但未报名的志愿者，之后在“参与志愿者”中确认并记录出勤。",
      completeBeforeStart: "活动开始后才能标记完成（开始时间：%{startsAt}）"
    },
    pairing: { checkIns: "帮带记录", mentee: "帮带对象" },
    report: { review: "审核" },
    dashboard: {
      title: "概览",
      period: "统计期间",
      from: "起始日期",
      to: "截止日期",
      region: "辖区",
      allRegions: "全市",
      category: "类别",
      allCategories: "全部类别",
      scope: "统计范围：%{scope}",
      volunteers: "在册志愿者",
      inTalentPool: "入人才库 %{count} 人",
      joined: "本期新加入 %{count} 人",
      activities: "开展活动",
      participations: "参与人次 %{count}",
      hours: "服务时长",
      serving: "参与服务 %{count} 人",
      beneficiaries: "受益人数",
      pairings: "结对帮带",
      pairingsDetail: "进行中 %{active} · 本期新结对 %{started} · 已结束 %{concluded}",
      reports: "经验做法",
      reportsDetail: "报送 %{submitted} · 采用 %{accepted} · 发布 %{published}",
      participationsLabel: "参与人次",
      joinedLabel: "新加入志愿者",
      presets: { thisYear: "今年以来", lastYear: "去年全年", last12Months: "近 12 个月", thisMonth: "本月" },
      hoursByCategory: "各类别服务时长",
      hoursByRegion: "各辖区服务时长",
      series: "逐月情况",
      coverage: "“五个聚力”覆盖情况",
      coverageHelp:
        "每格为该辖区在该类别本期开展（已完成）的活动数与服务时长；时长按服务日期计，含结对帮带和仍在进行的活动，故可能有时长而活动数为 0。空白表示本期尚未覆盖。",
      ageBands: "志愿者年龄结构",
      ageBand: "%{band}岁",
      people: "人数",
      reportPack: "导出报送材料",
      reportPackXlsx: "Excel 报表（六张表）",
      reportPackPrint: "打印版",
      reportPackTitle: "志愿服务工作报表",
      hoursUnit: "小时",
      activitiesHeldCount: "%{count} 场",
      noData: "本期暂无数据"
    }
  }
}

/** The full Chinese catalogue: react-admin's messages and yinfa's. */
export const zhCN = { ra: raZhCN, ...yinfaZhCN }
export type YinfaMessages = typeof yinfaZhCN
