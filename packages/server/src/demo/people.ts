import { residentIdCheckChar } from "@yinfa/core"
import type { Random } from "./random.js"

/** Surnames common in northern Jiangsu, roughly by frequency. */
const SURNAMES = "王陈张李刘徐周吴朱孙杨沈顾胡蔡季丁唐卞仇戴施姜夏陆薛韦严曹袁潘许郁宋葛邵".split("")
const GIVEN_MALE =
  "建国 振华 志刚 国庆 卫东 德明 守仁 永康 立新 长春 金海 士林 文斌 洪涛 家祥 宝林 兆丰 正和 爱民 春雷 玉林 国强 加林 凤山 广福".split(" ")
const GIVEN_FEMALE = "秀英 桂兰 玉珍 淑芬 凤英 丽华 美兰 素琴 红梅 文娟 海燕 春燕 月华 金凤 雪梅 慧敏 翠萍 晓云".split(" ")

export interface FormerJob {
  readonly unit: string
  readonly positions: ReadonlyArray<string>
  readonly expertise: ReadonlyArray<string>
}

/** Former units of retired cadres, with the expertise such a career brings. `{r}` is the region's name. */
export const FORMER_JOBS: ReadonlyArray<FormerJob> = [
  {
    unit: "{r}农业农村局",
    positions: ["局长", "副局长", "科长", "高级农艺师"],
    expertise: ["agri-tech", "agri-business", "crop-livestock"]
  },
  { unit: "{r}农业技术推广中心", positions: ["主任", "推广研究员", "高级农艺师"], expertise: ["agri-tech", "crop-livestock"] },
  { unit: "{r}人民法院", positions: ["庭长", "审判员", "副院长"], expertise: ["law-mediation"] },
  { unit: "{r}司法局", positions: ["局长", "科长", "人民调解员"], expertise: ["law-mediation", "community-work"] },
  { unit: "{r}教育局", positions: ["副局长", "督学", "教研室主任"], expertise: ["education"] },
  { unit: "{r}实验中学", positions: ["校长", "党支部书记", "高级教师"], expertise: ["education", "party-history"] },
  { unit: "{r}人民医院", positions: ["院长", "主任医师", "护士长"], expertise: ["medical-health"] },
  { unit: "{r}科学技术局", positions: ["局长", "科长", "高级工程师"], expertise: ["rnd", "enterprise-management"] },
  { unit: "{r}委党校", positions: ["常务副校长", "教授", "党史教研室主任"], expertise: ["party-history", "publicity-writing"] },
  { unit: "{r}委宣传部", positions: ["副部长", "科长"], expertise: ["publicity-writing", "party-history"] },
  { unit: "{r}文化广电和旅游局", positions: ["副局长", "文化馆馆长"], expertise: ["arts", "publicity-writing"] },
  { unit: "{r}住房和城乡建设局", positions: ["总工程师", "科长"], expertise: ["planning-construction"] },
  { unit: "{r}财政局", positions: ["副局长", "会计师"], expertise: ["finance-accounting"] },
  { unit: "{r}街道办事处", positions: ["党工委书记", "主任", "社区书记"], expertise: ["community-work", "law-mediation"] },
  { unit: "盐城市机械厂", positions: ["厂长", "总工程师", "车间主任"], expertise: ["enterprise-management", "rnd"] },
  { unit: "江苏悦达集团", positions: ["副总经理", "高级工程师"], expertise: ["enterprise-management", "rnd"] }
]

export const personName = (random: Random, gender: "male" | "female"): string =>
  random.pick(SURNAMES) + random.pick(gender === "male" ? GIVEN_MALE : GIVEN_FEMALE)

/** A valid resident ID number: region prefix, birth date, sequence with the gender's parity, check character. */
export const residentId = (random: Random, regionCode: string, birthDate: string, gender: "male" | "female"): string => {
  const prefix = /^\d{6}$/.test(regionCode) ? regionCode : "320902"
  const seq = random.int(0, 49) * 2 + (gender === "male" ? 1 : 0)
  const body = `${prefix}${birthDate.replace(/-/g, "")}${String(random.int(10, 99))}${seq % 10}`
  return body + residentIdCheckChar(body)
}

export const mobilePhone = (random: Random, index: number): string =>
  `1${random.pick(["39", "51", "58", "80", "87", "88", "36", "37"])}${String(index).padStart(4, "0")}${String(random.int(1000, 9999))}`
