import {
  Activities,
  type Activity,
  type Actor,
  BrandProjects,
  CATEGORIES,
  type Category,
  Certificates,
  CurrentActor,
  EXPERTISE_FIELDS,
  Exemplars,
  ExperienceReports,
  Organizations,
  type Organization,
  PairingCheckIns,
  Pairings,
  Participations,
  Regions,
  Store,
  systemActor,
  Users,
  type Volunteer,
  Volunteers,
  YANCHENG_REGIONS,
  YinfaConfig,
  type YinfaServices,
  Q
} from "@yinfa/core"
import { Effect } from "effect"
import { at, localToMs, msToLocal } from "./clock.js"
import { FORMER_JOBS, mobilePhone, personName, residentId } from "./people.js"
import { makeRandom } from "./random.js"

export interface DemoOptions {
  /** How many volunteers (default 300). */
  readonly volunteers?: number
  readonly seed?: number
  /** "Now" for the demo: a year of history ends here (default: the real clock). */
  readonly now?: number
  /** Hashes the demo password; the server passes its scrypt hasher. */
  readonly hashPassword: (password: string) => Effect.Effect<string>
}

export interface DemoSummary {
  readonly regions: number
  readonly users: ReadonlyArray<{ readonly username: string; readonly role: string; readonly region: string | null }>
  readonly organizations: number
  readonly volunteers: number
  readonly activities: number
  readonly participations: number
  readonly pairings: number
  readonly reports: number
  readonly certificates: number
}

export const DEMO_PASSWORD = "yinfa-demo"

const DAY = 86_400_000
const ignore = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.option(effect)

/** Titles with the format each one is, so a list never shows a farming class as a Party-building event. */
const ACTIVITY_TITLES: Record<Category, ReadonlyArray<readonly [string, string]>> = {
  "party-story": [
    ["红色故事进社区", "dialect-talk"],
    ["党史学习专题报告会", "special-report"],
    ["“四史”宣讲进校园", "special-report"],
    ["乡音讲党史", "dialect-talk"],
    ["老党员讲党课", "party-class"],
    ["红色家书诵读会", "performance"],
    ["初心使命座谈会", "discussion"],
    ["红色记忆图片展", "exhibition"]
  ],
  "rural-revitalization": [
    ["稻麦绿色高产技术指导", "technical-guidance"],
    ["特色果蔬种植培训", "farmer-training"],
    ["美丽乡村人居环境整治", "living-environment"],
    ["新型职业农民培训班", "farmer-training"],
    ["农村留守老人关爱走访", "care-and-help"],
    ["村级党组织建设交流", "grassroots-party-building"],
    ["村庄规划献策会", "village-planning"],
    ["特色产业发展经验分享", "experience-sharing"]
  ],
  "grassroots-governance": [
    ["平安社区宣传活动", "public-safety"],
    ["法律知识进万家", "legal-publicity"],
    ["邻里矛盾调解日", "dispute-mediation"],
    ["新时代文明实践志愿服务", "civilisation-practice"],
    ["家风家训分享会", "family-values"],
    ["社区疫情防控值守", "epidemic-prevention"],
    ["小区议事协商", "community-management"]
  ],
  "tech-innovation": [
    ["企业技术难题会诊", "key-research"],
    ["产学研合作对接会", "industry-university-research"],
    ["科技咨询服务日", "consulting"],
    ["中小企业管理咨询", "consulting"],
    ["新技术推广讲座", "technical-guidance"],
    ["校企项目牵线会", "matchmaking"]
  ],
  "new-generation": [
    ["青少年思想道德讲堂", "moral-education"],
    ["讲历史讲传统进课堂", "history-tradition"],
    ["青年干部成长座谈会", "mentoring"],
    ["留守儿童精准关爱", "targeted-care"],
    ["开学第一课", "moral-education"]
  ]
}

/** Seeds a year of realistic Yancheng work through the real services, rules and audit included. */
export const seedDemo = (options: DemoOptions): Effect.Effect<DemoSummary, never, YinfaServices | Store | YinfaConfig> =>
  Effect.gen(function* () {
    const config = yield* YinfaConfig
    const random = makeRandom(options.seed ?? 20210308)
    const now = options.now ?? Date.now()
    const offset = config.utcOffsetMinutes
    const today = msToLocal(now, offset).slice(0, 10)
    const yearAgo = now - 372 * DAY
    const system = (effect: Effect.Effect<any, any, any>) => effect.pipe(Effect.provideService(CurrentActor, systemActor))

    // Reference data, "set up" just over a year ago.
    const regions = yield* Regions
    yield* at(yearAgo)(system(Effect.forEach(YANCHENG_REGIONS, (r) => ignore(regions.create(r)), { discard: true })))

    const users = yield* Users
    const demoUsers: Array<{ username: string; role: string; region: string | null }> = []
    const regionActors = new Map<string, Actor>()
    const makeUser = (username: string, displayName: string, role: "city-admin" | "region-admin" | "viewer", regionCode: string | null) =>
      Effect.gen(function* () {
        const passwordHash = yield* options.hashPassword(DEMO_PASSWORD)
        const user = yield* users.create({ username, displayName, role, regionCode, passwordHash })
        demoUsers.push({ username, role, region: regionCode })
        return user
      })
    yield* at(yearAgo)(
      system(
        Effect.gen(function* () {
          yield* ignore(makeUser("admin", "市委老干部局管理员", "city-admin", null))
          for (const r of YANCHENG_REGIONS) {
            const user = yield* ignore(makeUser(r.slug, `${r.name}老干部局`, "region-admin", r.code))
            if (user._tag === "Some")
              regionActors.set(r.code, {
                userId: user.value.id,
                username: r.slug,
                displayName: user.value.displayName,
                role: "region-admin",
                regionCode: r.code
              })
          }
          yield* ignore(makeUser("viewer", "市局查看员", "viewer", null))
        })
      )
    )
    const actorFor = (regionCode: string): Actor => regionActors.get(regionCode) ?? systemActor
    const asRegion =
      (regionCode: string) =>
      <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.provideService(effect, CurrentActor, actorFor(regionCode))

    // Organisations: the city's coordinating departments, and in each region its bureau,
    // partner bodies, Party branches and the places volunteers serve.
    const organizations = yield* Organizations
    const orgsByRegion = new Map<string, Array<Organization>>()
    const addOrg = (name: string, kind: Organization["kind"], regionCode: string) =>
      Effect.map(
        ignore(
          asRegion(regionCode)(
            organizations.create({
              name,
              kind,
              regionCode,
              contactName: personName(random, "female"),
              contactPhone: `0515-8${random.int(1000000, 9999999)}`
            })
          )
        ),
        (o) => {
          if (o._tag === "Some") orgsByRegion.set(regionCode, [...(orgsByRegion.get(regionCode) ?? []), o.value])
        }
      )
    yield* at(yearAgo)(
      Effect.gen(function* () {
        for (const d of [
          "市委老干部局",
          "市卫生健康委员会",
          "市农业农村局",
          "市委政法委",
          "市教育局",
          "市科学技术局",
          "市关心下一代工作委员会",
          "市老科技工作者协会"
        ]) {
          yield* addOrg(
            d,
            d.includes("关心下一代") || d.includes("老科技") ? "partner" : d.includes("老干部局") ? "bureau" : "department",
            "3209SZ"
          )
        }
        for (const r of YANCHENG_REGIONS.filter((x) => x.code !== "3209SZ")) {
          yield* addOrg(`${r.name}委老干部局`, "bureau", r.code)
          yield* addOrg(`${r.name}关工委`, "partner", r.code)
          yield* addOrg(`${r.name}老科协`, "partner", r.code)
          yield* addOrg(`${r.name}离退休干部第一党支部`, "party-branch", r.code)
          yield* addOrg(`${r.name}离退休干部第二党支部`, "party-branch", r.code)
          yield* addOrg(
            `${r.name.replace(/[区县市]$/, "")}镇${random.pick(["新丰", "永丰", "红旗", "东风", "民主"])}村`,
            "beneficiary",
            r.code
          )
          yield* addOrg(`${r.name.replace(/[区县市]$/, "")}${random.pick(["幸福", "和平", "建设", "文峰"])}社区`, "beneficiary", r.code)
          yield* addOrg(`${r.name.replace(/[区县市]$/, "")}实验小学`, "beneficiary", r.code)
          yield* addOrg(`${r.name.replace(/[区县市]$/, "")}${random.pick(["精工", "绿源", "华科"])}科技有限公司`, "beneficiary", r.code)
        }
        yield* addOrg("市直机关离退休干部党支部", "party-branch", "3209SZ")
      })
    )
    const orgsOf = (regionCode: string, kind: Organization["kind"]) => (orgsByRegion.get(regionCode) ?? []).filter((o) => o.kind === kind)

    // Volunteers: registered over the past three years, with consent on the day they joined.
    const volunteers = yield* Volunteers
    const volunteerTotal = options.volunteers ?? 300
    const byRegion = new Map<string, Array<Volunteer>>()
    for (let i = 0; i < volunteerTotal; i++) {
      const region = i % 5 === 0 ? YANCHENG_REGIONS[11] : YANCHENG_REGIONS[i % YANCHENG_REGIONS.length]
      const gender = random.chance(0.68) ? "male" : "female"
      const birthDate = `${random.int(1941, 1964)}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`
      const job = random.pick(FORMER_JOBS)
      const expertise = random.sample(job.expertise, random.int(1, job.expertise.length))
      const related = new Set(expertise.flatMap((code) => EXPERTISE_FIELDS.find((e) => e.code === code)?.categories ?? []))
      const interests = [...related, ...(random.chance(0.3) ? [random.pick(CATEGORIES).code] : [])].filter(
        (c, k, all) => all.indexOf(c) === k
      )
      const joinedMs = now - random.int(40, 1000) * DAY
      const joinedAt = msToLocal(joinedMs, offset).slice(0, 10)
      const healthConsent = random.chance(0.85)
      const fitness = healthConsent ? (random.chance(0.7) ? "good" : random.chance(0.6) ? "limited" : "online-only") : null
      const partyBranch = orgsOf(region.code, "party-branch")
      const input = {
        name: personName(random, gender),
        gender,
        birthDate,
        idNumber: random.chance(0.9) ? residentId(random, region.code, birthDate, gender) : null,
        phone: mobilePhone(random, i),
        regionCode: region.code,
        formerUnit: job.unit.replace("{r}", region.code === "3209SZ" ? "盐城市" : region.name),
        formerPosition: random.pick(job.positions),
        retirementType: birthDate < "1945" && random.chance(0.3) ? "lixiu" : "tuixiu",
        partyMember: random.chance(0.92),
        partyBranchId: partyBranch.length > 0 ? random.pick(partyBranch).id : null,
        expertise,
        expertiseYears: Object.fromEntries(expertise.map((e) => [e, random.int(8, 38)])),
        interests,
        talentPool: random.chance(0.45),
        fitness,
        monthlyHours: random.pick([4, 8, 8, 12, 16, 20, 30]),
        channels: fitness === "online-only" ? ["online"] : random.chance(0.6) ? ["online", "offline"] : ["offline"],
        consentAt: new Date(joinedMs).toISOString(),
        healthDataConsentAt: healthConsent ? new Date(joinedMs).toISOString() : null,
        joinedAt
      }
      const created = yield* at(joinedMs)(asRegion(region.code)(ignore(volunteers.create(input))))
      if (created._tag === "Some") byRegion.set(region.code, [...(byRegion.get(region.code) ?? []), created.value])
    }

    // Brand projects, one or two per region.
    const brandProjects = yield* BrandProjects
    const brandIds = new Map<string, Array<string>>()
    const BRANDS: ReadonlyArray<[string, Category]> = [
      ["银发宣讲团", "party-story"],
      ["银发科技服务队", "tech-innovation"],
      ["五老护苗行动", "new-generation"],
      ["银发调解室", "grassroots-governance"],
      ["银发助农行", "rural-revitalization"]
    ]
    for (const r of YANCHENG_REGIONS) {
      for (const [name, category] of random.sample(BRANDS, 2)) {
        const bureau = orgsOf(r.code, "bureau")[0]
        const b = yield* at(yearAgo)(
          asRegion(r.code)(
            ignore(
              brandProjects.create({
                name: `${r.name}${name}`,
                description: `${r.name}老干部局打造的“${name}”品牌，组织离退休干部常态化开展志愿服务。`,
                category,
                ownerOrganizationId: bureau?.id ?? null,
                regionCode: r.code,
                yearStarted: random.int(2016, 2021)
              })
            )
          )
        )
        if (b._tag === "Some") brandIds.set(r.code, [...(brandIds.get(r.code) ?? []), b.value.id])
      }
    }

    // A year of activities: created, published, signed up, confirmed, attended and completed at
    // the times those steps happened; a few cancelled; next month's already open.
    const activities = yield* Activities
    const participations = yield* Participations
    let activityCount = 0
    let participationCount = 0
    const safetyPlan = (elevated: boolean) => ({
      medicalAid: "活动现场配备急救箱，联系就近社区卫生服务中心，安排一名医护志愿者",
      transport: "统一安排车辆接送，七十岁以上志愿者专人陪同",
      insurer: elevated || random.chance(0.5) ? "中国人寿盐城分公司" : "",
      insurancePolicyNumber: elevated || random.chance(0.5) ? `PYC${random.int(10000000, 99999999)}` : "",
      epidemicMeasures: "如有发热等症状请勿参加，现场备有口罩和消毒用品",
      risksDisclosed: "已告知户外活动的中暑、跌倒风险及应对办法，志愿者量力而行"
    })
    const planActivity = (regionCode: string, startLocal: string, category: Category) => {
      const def = CATEGORIES.find((c) => c.code === category)!
      const hours = random.pick([2, 2, 2.5, 3, 3, 4])
      const endMs = localToMs(startLocal, offset) + hours * 3_600_000
      const channel = random.chance(0.75) ? "offline" : random.chance(0.5) ? "online" : "hybrid"
      const elevated = channel !== "online" && random.chance(0.15)
      const beneficiaries = orgsOf(regionCode, "beneficiary")
      const partners = orgsOf(regionCode, "partner")
      const [title, format] = random.pick(ACTIVITY_TITLES[category])
      return {
        hours,
        input: {
          title,
          category,
          format: def.formats.some((f) => f.code === format) ? format : random.pick(def.formats).code,
          description: `组织${random.int(3, 8)}名离退休干部志愿者开展${def.label["zh-CN"]}志愿服务。`,
          organizerId: orgsOf(regionCode, "bureau")[0]?.id ?? null,
          partnerIds: partners.length > 0 ? [random.pick(partners).id] : [],
          regionCode,
          channel,
          venue: channel === "online" ? "" : beneficiaries.length > 0 ? random.pick(beneficiaries).name : "老干部活动中心",
          startsAt: startLocal,
          endsAt: msToLocal(endMs, offset),
          volunteersNeeded: random.int(3, 8),
          requiredExpertise: random.sample(
            EXPERTISE_FIELDS.filter((e) => e.categories.includes(category)).map((e) => e.code),
            1
          ),
          beneficiaryGroup: random.pick(["社区居民", "村民", "中小学生", "青年干部", "企业职工", "留守老人"]),
          beneficiaryCount: random.int(20, 300),
          brandProjectId: (brandIds.get(regionCode) ?? []).length > 0 && random.chance(0.4) ? random.pick(brandIds.get(regionCode)!) : null,
          riskLevel: elevated ? "elevated" : "low",
          safetyPlan: channel === "online" ? null : safetyPlan(elevated)
        }
      }
    }

    for (let monthsBack = 12; monthsBack >= 0; monthsBack--) {
      for (const r of YANCHENG_REGIONS) {
        const perMonth = random.int(1, 2)
        for (let k = 0; k < perMonth; k++) {
          const day = new Date(now - monthsBack * 30 * DAY)
          const startLocal = `${msToLocal(day.getTime(), offset).slice(0, 8)}${String(random.int(3, 26)).padStart(2, "0")}T${random.pick(["09:00", "09:30", "14:00", "14:30"])}`
          const startMs = localToMs(startLocal, offset)
          if (startMs > now - 2 * DAY) continue
          const category = random.pick(CATEGORIES).code
          const plan = planActivity(r.code, startLocal, category)
          const run = asRegion(r.code)
          const activity = yield* at(startMs - 12 * DAY)(run(ignore(activities.create(plan.input))))
          if (activity._tag === "None") continue
          activityCount++
          const a: Activity = activity.value
          yield* at(startMs - 10 * DAY)(run(ignore(activities.publish(a.id))))
          if (random.chance(0.05)) {
            yield* at(startMs - 3 * DAY)(
              run(ignore(activities.cancel(a.id, { reason: random.pick(["天气原因", "场地调整", "疫情防控需要"]) })))
            )
            continue
          }
          const pool = (byRegion.get(r.code) ?? []).filter((v) => v.interests.includes(category) || random.chance(0.2))
          const chosen = random.sample(pool, a.volunteersNeeded)
          for (const v of chosen) {
            const p = yield* at(startMs - random.int(4, 9) * DAY)(
              run(ignore(participations.create({ activityId: a.id, volunteerId: v.id })))
            )
            if (p._tag === "None" || p.value.status !== "signed-up") continue
            participationCount++
            const confirmed = yield* at(startMs - 2 * DAY)(run(ignore(participations.confirm(p.value.id))))
            if (confirmed._tag === "None") continue
            const recordMs = random.chance(0.08) ? startMs + 20 * DAY : startMs + random.int(1, 4) * DAY
            // Nothing is recorded in the future: a recent activity's attendance sheet is still to come.
            if (recordMs > now) continue
            if (random.chance(0.07)) {
              yield* at(recordMs)(run(ignore(participations.markAbsent(p.value.id))))
            } else {
              const hours = Math.max(0.5, plan.hours - random.pick([0, 0, 0, 0.5]))
              yield* at(recordMs)(
                run(
                  ignore(
                    participations.attend(p.value.id, { hours, feedback: random.pick(["", "服务认真负责", "群众反映良好", "讲解生动"]) })
                  )
                )
              )
            }
          }
          if (startMs + 5 * DAY <= now) yield* at(startMs + 5 * DAY)(run(ignore(activities.complete(a.id))))
        }
      }
    }

    // Next weeks: published activities open for sign-up, and drafts being prepared — one of them
    // offline without a safety plan, which cannot be published until the plan is written.
    for (const r of YANCHENG_REGIONS) {
      const run = asRegion(r.code)
      const startLocal = `${msToLocal(now + random.int(6, 25) * DAY, offset).slice(0, 10)}T09:00`
      const plan = planActivity(r.code, startLocal, random.pick(CATEGORIES).code)
      const open = yield* at(now - DAY)(run(ignore(activities.create(plan.input))))
      if (open._tag === "Some") {
        activityCount++
        yield* at(now - DAY)(run(ignore(activities.publish(open.value.id))))
        for (const v of random.sample(byRegion.get(r.code) ?? [], 2)) {
          const p = yield* at(now - DAY)(run(ignore(participations.create({ activityId: open.value.id, volunteerId: v.id }))))
          if (p._tag === "Some") participationCount++
        }
      }
      const draft = planActivity(
        r.code,
        `${msToLocal(now + random.int(20, 45) * DAY, offset).slice(0, 10)}T${random.pick(["09:00", "14:30"])}`,
        random.pick(CATEGORIES).code
      )
      const created = yield* at(now - DAY)(
        run(
          ignore(activities.create({ ...draft.input, channel: "offline", venue: draft.input.venue || "老干部活动中心", safetyPlan: null }))
        )
      )
      if (created._tag === "Some") activityCount++
    }

    // Pairings in every state, with check-ins counted as hours.
    const pairings = yield* Pairings
    const checkIns = yield* PairingCheckIns
    let pairingCount = 0
    const MENTEES = [
      ["pupil", "实验小学五年级学生"],
      ["young-cadre", "乡镇年轻干部"],
      ["young-talent", "企业青年技术骨干"]
    ] as const
    for (const r of YANCHENG_REGIONS) {
      const run = asRegion(r.code)
      const mentors = random.sample(byRegion.get(r.code) ?? [], 4)
      for (const [k, mentor] of mentors.entries()) {
        const startMs = now - random.int(60, 300) * DAY
        const [menteeType, unitHint] = random.pick(MENTEES)
        const useOrg = k === 3 && orgsOf(r.code, "beneficiary").length > 0
        const p = yield* at(startMs - 5 * DAY)(
          run(
            ignore(
              pairings.create({
                mentorId: mentor.id,
                menteeType: useOrg ? null : menteeType,
                menteeName: useOrg ? "" : personName(random, random.chance(0.5) ? "male" : "female"),
                menteeUnit: useOrg ? "" : `${r.name}${unitHint}`,
                guardianContact: menteeType === "pupil" && !useOrg ? mobilePhone(random, 9000 + pairingCount) : null,
                beneficiaryOrganizationId: useOrg ? orgsOf(r.code, "beneficiary").at(-1)!.id : null,
                regionCode: r.code,
                category: useOrg ? "tech-innovation" : "new-generation",
                goals: useOrg ? "帮助企业解决生产工艺难题，牵线高校开展产学研合作" : "每月至少见面一次，讲传统、谈成长、帮学习"
              })
            )
          )
        )
        if (p._tag === "None") continue
        pairingCount++
        const fate = k === 0 ? "proposed" : random.pick(["active", "active", "concluded", "ended", "declined"])
        if (fate === "proposed") continue
        if (fate === "declined") {
          yield* at(startMs)(run(ignore(pairings.decline(p.value.id, { reason: "other", note: "对象已有其他帮带安排" }))))
          continue
        }
        yield* at(startMs)(run(ignore(pairings.activate(p.value.id))))
        const visits = random.int(2, 6)
        for (let v = 1; v <= visits; v++) {
          const visitMs = startMs + v * 21 * DAY
          if (visitMs > now - DAY) break
          yield* at(visitMs + DAY)(
            run(
              ignore(
                checkIns.create({
                  pairingId: p.value.id,
                  date: msToLocal(visitMs, offset).slice(0, 10),
                  hours: random.pick([1, 1.5, 2]),
                  mode: random.pick(["in-person", "in-person", "online", "phone"]),
                  notes: random.pick(["交流学习情况", "讲述老一辈革命故事", "走访企业车间，指导工艺改进", "谈心谈话，了解思想动态"])
                })
              )
            )
          )
        }
        if (fate === "concluded") yield* at(Math.min(now - DAY, startMs + 180 * DAY))(run(ignore(pairings.conclude(p.value.id))))
        if (fate === "ended")
          yield* at(Math.min(now - DAY, startMs + 90 * DAY))(
            run(ignore(pairings.end(p.value.id, { reason: random.pick(["health", "moved"]), note: "" })))
          )
      }
    }

    // Good practice reports, from draft to published, and exemplars of the year.
    const reports = yield* ExperienceReports
    const exemplars = yield* Exemplars
    const store = yield* Store
    let reportCount = 0
    for (const r of YANCHENG_REGIONS) {
      const run = asRegion(r.code)
      const held = yield* store.list(
        "activities",
        Q.all([Q.eq("regionCode", r.code), Q.eq("status", "completed")], [{ field: "startsAt", order: "DESC" }], { offset: 0, limit: 3 })
      )
      for (let k = 0; k < 2; k++) {
        const category = random.pick(CATEGORIES).code
        const writtenMs = now - random.int(10, 200) * DAY
        const report = yield* at(writtenMs)(
          run(
            ignore(
              reports.create({
                title: `${r.name}${random.pick(["“银发生辉”", "“五老”", "老干部志愿服务"])}${random.pick(["工作经验", "创新做法", "典型经验"])}`,
                category,
                regionCode: r.code,
                body: `${r.name}老干部局坚持自觉自愿、量力而行，围绕${CATEGORIES.find((c) => c.code === category)!.label["zh-CN"]}组织离退休干部开展志愿服务。一是健全组织，依托离退休干部党支部组建志愿服务队；二是精准对接，根据银发人才库专长匹配服务项目；三是做好保障，为每次线下活动制定安全预案、办理保险。`,
                activityIds: held.rows.slice(0, 2).map((a) => a.id)
              })
            )
          )
        )
        if (report._tag === "None") continue
        reportCount++
        const fate = random.pick(["draft", "submitted", "accepted", "returned", "published", "published"])
        if (fate === "draft") continue
        yield* at(writtenMs + DAY)(run(ignore(reports.submit(report.value.id))))
        const review = (effect: Effect.Effect<any, any, CurrentActor>) => at(writtenMs + 5 * DAY)(system(ignore(effect)))
        if (fate === "accepted" || fate === "published") yield* review(reports.accept(report.value.id))
        if (fate === "returned") yield* review(reports.return(report.value.id, { notes: "请补充具体数据和典型案例后重新报送" }))
        if (fate === "published")
          yield* at(writtenMs + 8 * DAY)(system(ignore(reports.publish(report.value.id, { featured: random.chance(0.4) }))))
      }
      const honoured = random.sample(byRegion.get(r.code) ?? [], 1)
      for (const v of honoured) {
        const level = random.chance(0.3) ? "city" : "county"
        const exemplar = exemplars.create({
          volunteerId: v.id,
          level,
          year: Number(today.slice(0, 4)) - (random.chance(0.5) ? 1 : 0),
          title: level === "city" ? "全市离退休干部志愿服务先进个人" : `${r.name}“银发生辉”先进个人`,
          citation: `${v.name}同志退休后退休不褪色，积极参加志愿服务，发挥${v.formerPosition || "专业"}经验，受到群众好评。`
        })
        yield* at(now - 30 * DAY)(level === "city" ? system(ignore(exemplar)) : run(ignore(exemplar)))
      }
    }

    // Service certificates for the two volunteers of each region who served most this past year,
    // issued by their region's bureau a week ago: the certificate list and the public
    // verification page have something to show.
    const certificates = yield* Certificates
    let certificateCount = 0
    for (const r of YANCHENG_REGIONS) {
      const served = yield* store.aggregate("service-hours", {
        filters: [Q.eq("regionCode", r.code)],
        groupBy: [{ field: "volunteerId", as: "volunteerId" }],
        measures: [{ fn: "sum", field: "hours", as: "hours" }]
      })
      const most = served
        .map((row) => ({ volunteerId: String(row.volunteerId), hours: Number(row.hours) }))
        .sort((a, b) => b.hours - a.hours || a.volunteerId.localeCompare(b.volunteerId))
        .slice(0, 2)
      for (const { volunteerId } of most) {
        const issued = yield* at(now - 7 * DAY)(asRegion(r.code)(ignore(certificates.issue(volunteerId))))
        if (issued._tag === "Some") certificateCount++
      }
    }

    return {
      regions: YANCHENG_REGIONS.length,
      users: demoUsers,
      organizations: [...orgsByRegion.values()].reduce((n, l) => n + l.length, 0),
      volunteers: [...byRegion.values()].reduce((n, l) => n + l.length, 0),
      activities: activityCount,
      participations: participationCount,
      pairings: pairingCount,
      reports: reportCount,
      certificates: certificateCount
    }
  }) as unknown as Effect.Effect<DemoSummary, never, YinfaServices | Store | YinfaConfig>

/** Whether a store already holds data (then the demo is not seeded again). */
export const isEmpty = Effect.map(
  Effect.flatMap(Store, (store) => store.list("regions", Q.all([], [], { offset: 0, limit: 1 }))),
  (r) => r.total === 0
)
