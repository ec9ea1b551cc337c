import { describe, expect, it } from "vitest"
import { describeDecodeFailure, redactDriverError, redactDriverMessage } from "../src/sql/driverErrors.js"
import { Schema } from "effect"

const ID = "32090219580312001X"
const PHONE = "13805101234"

describe("driver messages without the values they quote", () => {
  it("MySQL's duplicate entry and incorrect value lose the value, keep the key and column", () => {
    expect(redactDriverMessage(`Duplicate entry '${ID}' for key 'volunteers.volunteers_id_number_unique'`)).toBe(
      "Duplicate entry '…' for key 'volunteers.volunteers_id_number_unique'"
    )
    expect(redactDriverMessage("Incorrect string value: '\\xF0\\x9F\\x98\\x80' for column `name` at row 1")).toBe(
      "Incorrect string value: '…' for column `name` at row 1"
    )
    // A quote inside the value (escaped by the server) does not end the redaction early.
    expect(redactDriverMessage("Duplicate entry 'O\\'Brien-13805101234' for key 'x'")).toBe("Duplicate entry '…' for key 'x'")
  })

  it("PostgreSQL's invalid input loses the value; messages without values are left as they are", () => {
    expect(redactDriverMessage(`invalid input syntax for type integer: "${PHONE}"`)).toBe("invalid input syntax for type integer: '…'")
    expect(redactDriverMessage(`value "${PHONE}" is out of range for type integer`)).toBe("value '…' is out of range for type integer")
    expect(redactDriverMessage(`Truncated incorrect DOUBLE value: '${PHONE}'`)).toBe("Truncated incorrect DOUBLE value: '…'")
    const identifiers = 'null value in column "phone" of relation "volunteers" violates not-null constraint'
    expect(redactDriverMessage(identifiers)).toBe(identifiers)
    const plain = 'duplicate key value violates unique constraint "volunteers_phone_unique"'
    expect(redactDriverMessage(plain)).toBe(plain)
    expect(redactDriverMessage("UNIQUE constraint failed: volunteers.phone")).toBe("UNIQUE constraint failed: volunteers.phone")
  })

  it("the error copy keeps the codes a maintainer needs and drops detail, sql and sqlMessage", () => {
    const mysql = Object.assign(new Error(`Duplicate entry '${PHONE}' for key 'volunteers_phone_unique'`), {
      code: "ER_DUP_ENTRY",
      errno: 1062,
      sqlState: "23000",
      sqlMessage: `Duplicate entry '${PHONE}' for key 'volunteers_phone_unique'`,
      sql: `insert into volunteers (phone) values ('${PHONE}')`
    })
    const copy = redactDriverError(mysql)
    expect(copy).toMatchObject({ code: "ER_DUP_ENTRY", errno: 1062, sqlState: "23000" })
    expect(JSON.stringify(copy, Object.getOwnPropertyNames(copy))).not.toContain(PHONE)
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "volunteers_phone_unique"'), {
      code: "23505",
      constraint: "volunteers_phone_unique",
      detail: `Key (phone)=(${PHONE}) already exists.`
    })
    const pgCopy = redactDriverError(pg)
    expect(pgCopy).toMatchObject({ code: "23505", constraint: "volunteers_phone_unique" })
    expect(JSON.stringify(pgCopy, Object.getOwnPropertyNames(pgCopy))).not.toContain(PHONE)
    expect(redactDriverError(`Duplicate entry '${PHONE}' for key 'k'`).message).toBe("Duplicate entry '…' for key 'k'")
  })

  it("a row that does not decode is described by its fields, not their values", () => {
    const row = Schema.Struct({ phone: Schema.String.pipe(Schema.pattern(/^1\d{10}$/)), idNumber: Schema.NullOr(Schema.String) })
    try {
      Schema.decodeUnknownSync(row)({ phone: "138-0510-1234", idNumber: 42 }, { errors: "all" })
      expect.unreachable()
    } catch (e) {
      const described = describeDecodeFailure(e)
      expect(described).toBe("the fields phone, idNumber do not match the schema")
      expect(described).not.toContain("138-0510-1234")
    }
  })
})
