import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"
import type { AuditEntry } from "../src/domain/auditEntry.js"
import { Store } from "../src/ports/Store.js"
import { conflict, type NotFound } from "../src/errors.js"
import { Q } from "../src/query.js"
import { Volunteers, type VolunteerRefusal } from "../src/services/Volunteers.js"
import { VolunteersLive } from "../src/services/VolunteersLive.js"
import { as, cityAdmin, testBase, tinghuAdmin, viewer } from "./support.js"
import { atMarch2026, residentId, volunteerInput, wrongCheck } from "./volunteerInputs.js"

const layer = () => VolunteersLive.pipe(Layer.provideMerge(testBase()))

/** Person n: a valid registration with its own ID number (born 1950 + n % 10) and phone. */
const person = (n: number, overrides: Record<string, unknown> = {}) => {
  const birth = `19${50 + (n % 10)}0312`
  return volunteerInput(
    {
      name: `志愿者${n}`,
      birthDate: `${birth.slice(0, 4)}-03-12`,
      idNumber: residentId(`320902${birth}${String(100 + n).slice(-3)}`),
      phone: `138${String(n).padStart(8, "0")}`
    },
    overrides
  )
}

const stored = Effect.gen(function* () {
  const store = yield* Store
  return {
    volunteers: (yield* store.list("volunteers", Q.all([], [{ field: "volunteerNumber", order: "ASC" }]))).rows,
    audit: (yield* store.list("audit-log", Q.all([], [{ field: "at", order: "ASC" }]))).rows
  }
})

type Outcome = Either.Either<{ readonly volunteerNumber: string }, VolunteerRefusal | NotFound>

/** What a refusal says, without the parts that name a record (error shape, key, field, issue paths and keys). */
const describeRefusal = (e: VolunteerRefusal | NotFound) => {
  if (e._tag === "ValidationError") return { tag: e._tag, issues: e.issues.map((i) => [i.path, i.key]) }
  if (e._tag === "NotFound") return { tag: e._tag }
  return { tag: e._tag, key: e.key, field: e._tag === "Conflict" ? e.field : undefined }
}
const describeOutcome = (o: Outcome) => (Either.isLeft(o) ? describeRefusal(o.left) : { created: o.right.volunteerNumber })

/** Runs `create` on each input in turn, as the bulk path must behave. */
const oneByOne = (inputs: ReadonlyArray<unknown>) =>
  Effect.gen(function* () {
    const volunteers = yield* Volunteers
    const out: Array<Outcome> = []
    for (const input of inputs) out.push(yield* Effect.either(volunteers.create(input)))
    return out
  })

/** A row without the id only a real run assigns. */
const withoutIds = (row: Record<string, unknown>) => {
  const { id: _id, ...rest } = row
  return rest
}

/** Audit entries without the generated ids (their own, the record's, the id among the changes), in volunteer-number order. */
const comparableAudit = (entries: ReadonlyArray<AuditEntry>) =>
  entries
    .map(({ id: _id, recordId: _recordId, changes: { id: _changedId, ...changes }, ...rest }) => ({ ...rest, changes }))
    .sort((a, b) => String(a.changes.volunteerNumber?.after).localeCompare(String(b.changes.volunteerNumber?.after)))

describe("Volunteers.createMany", () => {
  it.effect("refuses exactly what create refuses, input by input, and stores what one-by-one creation stores", () => {
    // Every refusal of `create`, and inputs that clash with each other and with a stored volunteer.
    const inputs: ReadonlyArray<unknown> = [
      person(1),
      person(2, { idNumber: wrongCheck(person(2).idNumber) }),
      person(3, { birthDate: "1953-04-12" }),
      { ...person(4), consentAt: undefined },
      person(5, { consentAt: "2026-03-02T00:00:00Z" }),
      person(6, { fitness: "limited" }),
      person(7, { fitness: "limited", healthDataConsentAt: "2026-02-20T08:00:00Z", joinedAt: "2025-12-01" }),
      person(8, { regionCode: "999999" }),
      person(9, { partyBranchId: "no-such-branch" }),
      person(10, { channels: [] }),
      person(11, { expertiseYears: { "agri-tech": 30, "law-mediation": 5 } }),
      person(12, { phone: "12345" }),
      // The same ID number as input 0 (accepted before it), in another case: refused.
      person(13, { idNumber: person(1).idNumber.toLowerCase(), birthDate: person(1).birthDate }),
      // The same phone as input 0.
      person(14, { phone: person(1).phone }),
      // The same ID number as input 1, which was refused: it claimed nothing, so this one is created.
      person(15, { idNumber: person(2).idNumber, birthDate: person(2).birthDate }),
      // The phone of the volunteer stored before the batch.
      person(16, { phone: "13900000000" }),
      person(17, { regionCode: "320903" }),
      "not an object",
      person(18)
    ]
    const seed = person(99, { phone: "13900000000" })
    const run = (write: (inputs: ReadonlyArray<unknown>) => Effect.Effect<ReadonlyArray<Outcome>, unknown, Volunteers>) =>
      Effect.gen(function* () {
        yield* atMarch2026
        const volunteers = yield* Volunteers
        yield* volunteers.create(seed).pipe(as(cityAdmin))
        const outcomes = yield* write(inputs)
        return { outcomes, ...(yield* stored) }
      })

    return Effect.gen(function* () {
      const bulk = yield* run((inputs) => Effect.flatMap(Volunteers, (v) => v.createMany(inputs)).pipe(as(cityAdmin))).pipe(
        Effect.provide(layer())
      )
      const single = yield* run((inputs) => oneByOne(inputs).pipe(as(cityAdmin))).pipe(Effect.provide(layer()))

      expect(bulk.outcomes.map(describeOutcome)).toEqual(single.outcomes.map(describeOutcome))
      // The refusals the rules call for, not merely the same ones (a shared bug would pass the comparison).
      const described = bulk.outcomes.map(describeOutcome)
      expect(described[0]).toEqual({ created: "YC2026000002" })
      expect(described[1]).toMatchObject({
        tag: "ValidationError",
        issues: expect.arrayContaining([["idNumber", "validation.idNumber.checkDigit"]])
      })
      expect(described[2]).toEqual({ tag: "ValidationError", issues: [["idNumber", "validation.idNumber.birthDateMismatch"]] })
      expect(described[3]).toMatchObject({
        tag: "ValidationError",
        issues: expect.arrayContaining([expect.arrayContaining(["consentAt"])])
      })
      expect(described[4]).toEqual({ tag: "ValidationError", issues: [["consentAt", "validation.consentInFuture"]] })
      expect(described[5]).toEqual({ tag: "ValidationError", issues: [["fitness", "validation.fitnessNeedsConsent"]] })
      expect(described[6]).toEqual({ created: "YC2025000003" })
      expect(described[7]).toEqual({ tag: "ValidationError", issues: [["regionCode", "validation.unknownRegion"]] })
      expect(described[8]).toEqual({ tag: "ValidationError", issues: [["partyBranchId", "validation.partyBranchUnknown"]] })
      expect(described[9]).toEqual({ tag: "ValidationError", issues: [["channels", "validation.channels"]] })
      expect(described[10]).toMatchObject({
        tag: "ValidationError",
        issues: [["expertiseYears.law-mediation", "validation.expertiseYearsField"]]
      })
      expect(described[11]).toMatchObject({ tag: "ValidationError", issues: expect.arrayContaining([["phone", "validation.phone"]]) })
      expect(described[12]).toEqual({ tag: "Conflict", key: "conflict.unique", field: "idNumber" })
      expect(described[13]).toEqual({ tag: "Conflict", key: "conflict.unique", field: "phone" })
      expect(described[14]).toEqual({ created: "YC2026000004" })
      expect(described[15]).toEqual({ tag: "Conflict", key: "conflict.unique", field: "phone" })
      expect(described[16]).toEqual({ created: "YC2026000005" })
      expect(described[17]).toMatchObject({ tag: "ValidationError" })
      expect(described[18]).toEqual({ created: "YC2026000006" })

      // The same rows and audit entries, field by field: only the generated ids differ.
      expect(bulk.volunteers).toHaveLength(6)
      expect(bulk.volunteers.map(withoutIds)).toEqual(single.volunteers.map(withoutIds))
      expect(bulk.audit).toHaveLength(6)
      expect(comparableAudit(bulk.audit)).toEqual(comparableAudit(single.audit))
      // Each audit entry points at its volunteer; sensitive values are masked in it.
      for (const entry of bulk.audit) expect(bulk.volunteers.some((v) => v.id === entry.recordId)).toBe(true)
      expect(JSON.stringify(bulk.audit)).not.toContain(person(1).idNumber)
      // Answers are masked, as create's are.
      const created = bulk.outcomes[0]
      expect(Either.isRight(created) && (created.right as unknown as { phone: string }).phone).toBe("138****0001")
    })
  })

  it.effect("a region admin's inputs for another region are Forbidden; a viewer's are all Forbidden; nothing of theirs is written", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const mine = yield* volunteers.createMany([person(1), person(2, { regionCode: "320903" }), person(3)]).pipe(as(tinghuAdmin))
      expect(mine.map((r) => (Either.isLeft(r) ? [r.left._tag, "key" in r.left ? r.left.key : ""] : "created"))).toEqual([
        "created",
        ["Forbidden", "forbidden.outOfRegion"],
        "created"
      ])
      const seen = yield* volunteers.createMany([person(4), person(5)]).pipe(as(viewer))
      expect(seen.map((r) => (Either.isLeft(r) ? [r.left._tag, "key" in r.left ? r.left.key : ""] : "created"))).toEqual([
        ["Forbidden", "forbidden.readOnly"],
        ["Forbidden", "forbidden.readOnly"]
      ])
      const { volunteers: rows, audit } = yield* stored
      expect(rows.map((v) => v.name)).toEqual(["志愿者1", "志愿者3"])
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([
        ["create", "u-tinghu"],
        ["create", "u-tinghu"]
      ])
      // An empty batch, or one refused entirely, writes nothing and draws no number.
      expect(yield* volunteers.createMany([]).pipe(as(cityAdmin))).toEqual([])
      const [next] = yield* volunteers.createMany([person(6)]).pipe(as(cityAdmin))
      expect(Either.isRight(next) ? next.right.volunteerNumber : next.left).toBe("YC2026000003")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("joins the caller's transaction: when it fails, no volunteer, audit entry or number stays", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const volunteers = yield* Volunteers
      const store = yield* Store
      const failed = yield* store
        .transaction(
          Effect.gen(function* () {
            const results = yield* volunteers.createMany([person(1), person(2), person(3)])
            expect(results.every(Either.isRight)).toBe(true)
            // Written inside the open transaction…
            expect((yield* store.list("volunteers", Q.all())).total).toBe(3)
            return yield* Effect.fail("the caller gives up")
          })
        )
        .pipe(as(cityAdmin), Effect.flip)
      expect(failed).toBe("the caller gives up")
      // …and gone with it.
      expect(yield* stored).toEqual({ volunteers: [], audit: [] })
      // The same people can register afterwards: nothing of the failed batch blocks them.
      const again = yield* volunteers.createMany([person(1), person(2), person(3)]).pipe(as(cityAdmin))
      expect(again.every(Either.isRight)).toBe(true)
      expect((yield* stored).volunteers.map((v) => v.name)).toEqual(["志愿者1", "志愿者2", "志愿者3"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a store refusing the batch (a record written concurrently, after the checks) fails the call and writes none of it", () =>
    Effect.gen(function* () {
      yield* atMarch2026
      const store = yield* Store
      // The store's unique index refuses the first bulk insert of volunteers, as it would if
      // another session had registered one of these people between the checks and the write.
      let refusals = 1
      const racing = Layer.succeed(Store, {
        ...store,
        insertMany: (resource, rows) =>
          Effect.suspend(() =>
            resource === "volunteers" && refusals-- > 0
              ? Effect.fail(conflict("conflict.unique", "duplicate idNumber", { field: "idNumber" }, "idNumber"))
              : store.insertMany(resource, rows)
          )
      })
      const createMany = (inputs: ReadonlyArray<unknown>) =>
        Effect.flatMap(Volunteers, (v) => v.createMany(inputs)).pipe(
          Effect.provide(VolunteersLive.pipe(Layer.provide(racing))),
          as(cityAdmin)
        )
      const refused = yield* Effect.flip(createMany([person(1), person(2), person(3)]))
      expect(refused).toMatchObject({ _tag: "Conflict", key: "conflict.unique", field: "idNumber" })
      expect(yield* stored).toEqual({ volunteers: [], audit: [] })
      const again = yield* createMany([person(1), person(2), person(3)])
      expect(again.every(Either.isRight)).toBe(true)
      expect((yield* stored).volunteers.map((v) => v.name)).toEqual(["志愿者1", "志愿者2", "志愿者3"])
    }).pipe(Effect.provide(layer()))
  )
})
