import { describe, expect, it } from "vitest"
import { conflict } from "../src/errors.js"
import { actionLabel, en, localizeError, STATUS_ACTIONS, statusLabel, translate, translateWithStatus, zhCN } from "../src/i18n/index.js"

describe("status refusals as people read them", () => {
  it("names every action a status machine can refuse, in both languages", () => {
    for (const action of STATUS_ACTIONS) {
      expect(zhCN).toHaveProperty(`action.${action}`)
      expect(en).toHaveProperty(`action.${action}`)
      expect(actionLabel("zh-CN", action)).not.toBe(action)
    }
    // An action without a catalogue entry (an embedder's own) stays readable as its code.
    expect(actionLabel("zh-CN", "teleport")).toBe("teleport")
  })

  it("labels a status by the enumeration of its resource, since codes repeat across machines", () => {
    expect(statusLabel("zh-CN", "volunteers", "active")).toBe("在册")
    expect(statusLabel("zh-CN", "pairings", "active")).toBe("进行中")
    expect(statusLabel("en", "participations", "absent")).toBe("Absent")
    expect(statusLabel("zh-CN", "participations", "lost")).toBe("lost")
  })

  it("renders conflict.state with labels and leaves the error's codes for clients", () => {
    const refused = conflict("conflict.state", "detail", { status: "absent", action: "attend", resource: "participations" })
    expect(localizeError(refused, "zh-CN").message).toBe("当前状态为“缺席”，不能执行“登记出勤”")
    expect(localizeError(refused, "en").message).toBe('The record is "Absent": "Record attendance" is not possible')
    expect(refused.params).toEqual({ status: "absent", action: "attend", resource: "participations" })
  })

  it("labels the status of a sign-up refused for an inactive volunteer", () => {
    const refused = conflict("conflict.volunteerInactive", "detail", { status: "paused", resource: "volunteers" })
    expect(localizeError(refused, "zh-CN").message).toBe("该志愿者当前状态为“暂停”，不能报名")
  })

  it("translates other messages as before, field names included", () => {
    expect(translateWithStatus("zh-CN", "conflict.unique", { field: "phone" })).toBe(
      translate("zh-CN", "conflict.unique", { field: "phone" })
    )
    expect(translateWithStatus("zh-CN", "conflict.unique", { field: "phone" })).toContain(zhCN["field.phone"])
  })
})
