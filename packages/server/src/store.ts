import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import type { Store } from "@yinfa/core"
import { Effect, Layer } from "effect"

/**
 * Where the data lives. Adapters are imported only when chosen, so a SQLite deployment never
 * loads `pg` or `mysql2` (and the memory store needs neither).
 */
export type StoreOption =
  | { readonly kind: "memory" }
  | { readonly kind: "sqlite"; readonly filename: string }
  | { readonly kind: "postgres"; readonly connectionString: string; readonly schema?: string; readonly max?: number }
  | { readonly kind: "mysql"; readonly uri: string; readonly max?: number }
  /** Any adapter, including an integrator's own. */
  | { readonly kind: "layer"; readonly layer: Layer.Layer<Store> }

export const storeLayer = (option: StoreOption): Layer.Layer<Store> => {
  switch (option.kind) {
    case "layer":
      return option.layer
    case "memory":
      return Layer.unwrapEffect(Effect.promise(() => import("@yinfa/adapters/memory")).pipe(Effect.map((m) => m.MemoryStoreLive)))
    case "sqlite":
      // A fresh deployment's data directory may not exist yet.
      if (option.filename !== ":memory:" && option.filename !== "") mkdirSync(dirname(option.filename), { recursive: true })
      return Layer.unwrapEffect(
        Effect.promise(() => import("@yinfa/adapters/sqlite")).pipe(Effect.map((m) => m.SqliteStoreLive({ filename: option.filename })))
      )
    case "postgres":
      return Layer.unwrapEffect(
        Effect.promise(() => import("@yinfa/adapters/postgres")).pipe(
          Effect.map((m) =>
            m.PostgresStoreLive({
              connectionString: option.connectionString,
              ...(option.schema ? { schema: option.schema } : {}),
              ...(option.max ? { max: option.max } : {})
            })
          )
        )
      )
    case "mysql":
      return Layer.unwrapEffect(
        Effect.promise(() => import("@yinfa/adapters/mysql")).pipe(
          Effect.map((m) => m.MysqlStoreLive({ uri: option.uri, ...(option.max ? { max: option.max } : {}) }))
        )
      )
  }
}

/** Applies pending migrations without starting anything (the `migrate` command). */
export const migrateStore = async (option: StoreOption): Promise<ReadonlyArray<string>> => {
  const names = (r: { results?: ReadonlyArray<{ migrationName: string; status: string }>; error?: unknown }) => {
    if (r.error) throw r.error
    return (r.results ?? []).filter((m) => m.status === "Success").map((m) => m.migrationName)
  }
  switch (option.kind) {
    case "sqlite":
      return names(await (await import("@yinfa/adapters/sqlite")).migrateSqlite({ filename: option.filename }))
    case "postgres":
      return names(
        await (await import("@yinfa/adapters/postgres")).migratePostgres({
          connectionString: option.connectionString,
          ...(option.schema ? { schema: option.schema } : {})
        } as never)
      )
    case "mysql":
      return names(await (await import("@yinfa/adapters/mysql")).migrateMysql({ uri: option.uri }))
    default:
      return []
  }
}
