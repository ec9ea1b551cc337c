import englishMessages from "ra-language-english"
import { describe, expect, it } from "vitest"
import { en, yinfaEn } from "../src/i18n/en.js"
import { yinfaZhCN, zhCN } from "../src/i18n/zh-CN.js"

/** Every leaf path of a nested catalogue, e.g. "ra.action.save". */
const leaves = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`]))

const at = (o: any, path: string) => path.split(".").reduce((x, k) => x?.[k], o)

describe("catalogues", () => {
  it("zh-CN translates every key of ra-language-english", () => {
    const missing = leaves(englishMessages).filter((k) => typeof at(zhCN, k) !== "string")
    expect(missing).toEqual([])
  })

  it("zh-CN's react-admin messages are Chinese, not English copies", () => {
    const same = leaves(englishMessages.ra).filter(
      (k) => at(zhCN.ra, k) === at(englishMessages.ra, k) && /[a-z]{3}/i.test(at(zhCN.ra, k).replace(/%\{\w+\}/g, ""))
    )
    expect(same).toEqual([])
  })

  it("yinfa's labels exist in both languages with the same keys", () => {
    expect(leaves(yinfaEn).sort()).toEqual(leaves(yinfaZhCN).sort())
  })

  it("keeps react-admin's interpolation variables in each Chinese message", () => {
    const vars = (s: string) => (s.match(/%\{\w+\}/g) ?? []).sort()
    const broken = leaves(englishMessages).filter((k) => JSON.stringify(vars(at(zhCN, k))) !== JSON.stringify(vars(at(englishMessages, k))))
    expect(broken).toEqual([])
  })

  it("labels the five categories and their formats from core", () => {
    expect(zhCN.yinfa.category["party-story"]).toBe("讲好党的故事")
    expect(en.yinfa.category["new-generation"]).toBe("Raising the new generation")
    expect(zhCN.yinfa.format["dialect-talk"]).toBe("乡音讲解")
  })

  it("turns core's {param} templates into polyglot's %{param}", () => {
    expect(zhCN.yinfa.core["validation.tooLong"]).toBe("不能超过 %{max} 个字符")
  })
})
