import { Schema } from "effect"
import { CATEGORY_CODES, EXPERTISE_FIELDS } from "./categoryCatalogue.js"

export * from "./categoryCatalogue.js"

// `override` because Effect ignores a union's own message in favour of its members' otherwise.
export const Category = Schema.Literal(...CATEGORY_CODES).annotations({
  message: () => ({ message: "validation.category", override: true })
})
export type Category = typeof Category.Type

export const ExpertiseField = Schema.String.pipe(
  Schema.filter((s) => EXPERTISE_FIELDS.some((e) => e.code === s), { message: () => "validation.expertise" })
)
