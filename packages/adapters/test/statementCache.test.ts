import BetterSqlite3 from "better-sqlite3"
import { describe, expect, it } from "vitest"
import { withStatementCache } from "../src/sqlite/statementCache.js"

const fresh = () => {
  const raw = new BetterSqlite3(":memory:")
  raw.exec("create table t (id integer primary key, v text)")
  return { raw, db: withStatementCache(raw) }
}

describe("SQLite statement cache", () => {
  it("keeps a write prepared and runs it again with new parameters", () => {
    const { raw, db } = fresh()
    const sql = "insert into t (v) values (?)"
    const first = db.prepare(sql)
    expect(db.prepare(sql)).toBe(first)
    expect(db.prepare("  UPDATE t set v = ? where id = ?")).toBe(db.prepare("  UPDATE t set v = ? where id = ?"))
    first.run(["a"])
    db.prepare(sql).run(["b"])
    expect(raw.prepare("select v from t order by id").all()).toEqual([{ v: "a" }, { v: "b" }])
    db.close()
  })

  it("keeps a read prepared too, but never hands out one that a stream still holds", () => {
    const { raw, db } = fresh()
    raw.exec("insert into t (v) values ('a'), ('b'), ('c')")
    const sql = "select v from t where id >= ? order by id"
    const first = db.prepare(sql)
    expect(db.prepare(sql)).toBe(first)
    // A stream is open on the kept statement: the same SQL now gets a statement of its own…
    const streamed = (first as unknown as BetterSqlite3.Statement).iterate(1)
    expect(streamed.next().value).toEqual({ v: "a" })
    const meanwhile = db.prepare(sql)
    expect(meanwhile).not.toBe(first)
    expect((meanwhile as unknown as BetterSqlite3.Statement).all(2)).toEqual([{ v: "b" }, { v: "c" }])
    // …and the stream reads on undisturbed.
    expect([...streamed]).toEqual([{ v: "b" }, { v: "c" }])
    // Once the stream has ended, the kept statement is handed out again.
    expect(db.prepare(sql)).toBe(first)
    expect((first as unknown as BetterSqlite3.Statement).all(3)).toEqual([{ v: "c" }])
    db.close()
  })

  it("drops the least recently used statement beyond 128", () => {
    const { db } = fresh()
    const write = (i: number) => `insert into t (v) values ('${i}')`
    const kept = db.prepare(write(0))
    const evicted = db.prepare(write(1))
    for (let i = 2; i < 128; i++) db.prepare(write(i))
    // Using statement 0 makes it recent; the 129th distinct write then pushes out statement 1.
    expect(db.prepare(write(0))).toBe(kept)
    db.prepare(write(128))
    expect(db.prepare(write(0))).toBe(kept)
    expect(db.prepare(write(1))).not.toBe(evicted)
    db.close()
  })

  it("closes the database", () => {
    const { raw, db } = fresh()
    db.prepare("insert into t (v) values (?)")
    db.close()
    expect(raw.open).toBe(false)
  })
})
