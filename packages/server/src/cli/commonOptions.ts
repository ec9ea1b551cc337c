/**
 * The flags every command takes, for node:util parseArgs: where the store is (the main CLI opens
 * it, for its own commands and the import/export ones alike) and the language of the output.
 * One table, spread into each parser's, so the two parsers cannot disagree about them.
 */
export const STORE_OPTIONS = {
  db: { type: "string" },
  pg: { type: "string" },
  mysql: { type: "string" }
} as const

export const LOCALE_OPTION = { locale: { type: "string" } } as const
