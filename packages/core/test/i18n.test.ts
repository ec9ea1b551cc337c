import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Category } from "../src/domain/categories.js"
import { ActivityCreate } from "../src/domain/activity.js"
import { conflict } from "../src/errors.js"
import { en, localizeError, toValidationError, translate, translateVerbatim, zhCN } from "../src/i18n/index.js"

describe("message catalogues", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort())
  })

  it("a bad category carries the category key, rendered in Chinese", () => {
    const result = Schema.decodeUnknownEither(Schema.Struct({ category: Category }))({ category: "sports" })
    if (result._tag !== "Left") throw new Error("expected a failure")
    const error = toValidationError(result.left)
    expect(error.issues[0]).toMatchObject({ path: "category", key: "validation.category" })
    expect(localizeError(error, "zh-CN").errors?.category).toBe(zhCN["validation.category"])
  })

  it("field errors name the field in the reader's language", () => {
    const result = Schema.decodeUnknownEither(ActivityCreate)({ title: "" })
    if (result._tag !== "Left") throw new Error("expected a failure")
    const zh = localizeError(toValidationError(result.left), "zh-CN")
    expect(zh.message).toMatch(/^标题: /)
    expect(zh.errors?.title).toBe("此项为必填项")
    expect(localizeError(toValidationError(result.left), "en").errors?.title).toBe("This field is required")
  })

  it("translateVerbatim puts values in as they are, where translate reads them as field names", () => {
    expect(translate("zh-CN", "cli.template.saved", { file: "title" })).toBe("模板已保存：标题")
    expect(translateVerbatim("zh-CN", "cli.template.saved", { file: "title" })).toBe("模板已保存：title")
    expect(translateVerbatim("en", "cli.export.done", { rows: 3, file: "a, b.csv" })).toBe("Exported 3 records: a, b.csv")
    expect(translateVerbatim("en", "cli.export.done", { rows: 3 })).toBe("Exported 3 records: {file}")
  })

  it("lists of safety-plan parts are translated item by item", () => {
    const error = conflict("conflict.safetyPlanIncomplete", "incomplete", { missing: "transport, risksDisclosed" })
    const zh = localizeError(error, "zh-CN").message
    expect(zh).not.toContain("transport")
    expect(zh).toContain(translate("zh-CN", "safetyPlan.transport"))
    expect(zh).toContain("、")
  })
})
