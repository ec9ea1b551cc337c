import { type ComponentType, lazy } from "react"

/**
 * A resource view loaded on first use: the first screen needs its own view only, not the other
 * forty. react-admin renders views inside a Suspense boundary (its Layout), so a lazy component
 * is a valid `list`/`show`/`create`/`edit`. The views stay named exports of their modules.
 */
export const lazyView = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }))
