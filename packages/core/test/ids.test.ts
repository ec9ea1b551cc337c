import { describe, expect, it } from "vitest"
import { newId } from "../src/domain/ids.js"

describe("newId", () => {
  it("gives UUIDs of version 7 whose text order is their creation order, with no repeats", () => {
    const ids = Array.from({ length: 20_000 }, () => newId())
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(ids.length)
    // Many share a millisecond: the counter, not the clock alone, keeps them in order.
    expect([...ids].sort()).toEqual(ids)
  })

  it("starts with the creation time in milliseconds", () => {
    const before = Date.now()
    const id = newId()
    const after = Date.now()
    const ms = Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)
    expect(ms).toBeGreaterThanOrEqual(before)
    expect(ms).toBeLessThanOrEqual(after)
  })
})
