// The core embedded in a plain TypeScript program: no Effect needed, just Promises.
import { makeMemoryStore } from "@yinfa/adapters/memory"
import { createYinfa, systemActor, YANCHENG_REGIONS } from "@yinfa/core"

const yinfa = createYinfa({ store: makeMemoryStore(), actor: systemActor })
for (const region of YANCHENG_REGIONS) await yinfa.regions.create(region)

// Activity times are the city's wall clock (UTC+8): this one started an hour ago.
const local = (offsetHours: number) => new Date(Date.now() + (8 + offsetHours) * 3_600_000).toISOString().slice(0, 16)
const consentAt = new Date().toISOString()

const wang = await yinfa.volunteers.create({
  name: "王建国",
  gender: "male",
  birthDate: "1956-03-12",
  idNumber: "320902195603121231",
  phone: "13912345678",
  regionCode: "320902",
  formerUnit: "亭湖区委党校",
  expertise: ["party-history"],
  interests: ["party-story"],
  monthlyHours: 20,
  consentAt
})
const chen = await yinfa.volunteers.create({
  name: "陈秀英",
  gender: "female",
  birthDate: "1959-08-01",
  regionCode: "320902",
  formerUnit: "盐城中学",
  expertise: ["education"],
  interests: ["party-story", "new-generation"],
  monthlyHours: 8,
  consentAt
})

const talk = await yinfa.activities.create({
  title: "红色故事进社区",
  category: "party-story",
  format: "dialect-talk",
  regionCode: "320902",
  channel: "offline",
  venue: "亭湖区文峰社区",
  startsAt: local(-1),
  endsAt: local(2),
  volunteersNeeded: 5,
  beneficiaryGroup: "社区居民",
  beneficiaryCount: 80,
  safetyPlan: {
    medicalAid: "社区卫生服务站值守",
    transport: "就近步行，专人陪同",
    insurer: "",
    insurancePolicyNumber: "",
    epidemicMeasures: "有发热症状不参加",
    risksDisclosed: "已告知久站、跌倒风险"
  }
})
await yinfa.activities.publish(talk.id)

for (const volunteer of [wang, chen]) {
  const signUp = await yinfa.participations.create({ activityId: talk.id, volunteerId: volunteer.id })
  await yinfa.participations.confirm(signUp.id)
  await yinfa.participations.attend(signUp.id, { hours: 2.5 })
}

const today = local(0).slice(0, 10)
const month = await yinfa.reporting.overview({ from: `${today.slice(0, 7)}-01`, to: today })
const record = await yinfa.serviceRecords.summary(wang.id)

console.log(`本月服务时长 service hours this month: ${month.serviceHours}`)
console.log(`本月参与人次 participations: ${month.participations}; 受益人数 beneficiaries: ${month.beneficiariesReached}`)
console.log(`${wang.name}（${wang.volunteerNumber}）累计 ${record.totalHours} 小时，${record.starLevel} 星`)
await yinfa.dispose()
