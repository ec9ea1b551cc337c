import { type ComponentType, createElement, type FunctionComponent, use } from "react"

/** A resource view whose code is loaded on first use, or earlier by `preload()`. */
export type LazyView = FunctionComponent<object> & {
  /** Starts loading the view's code (once); the first render then needs no second round trip. */
  readonly preload: () => Promise<unknown>
}

/** A promise React 19's `use` reads synchronously once it has settled (it looks at `status`). */
type TrackedPromise<A> = Promise<A> & {
  status?: "pending" | "fulfilled" | "rejected"
  value?: A
  reason?: unknown
  /** Started by a render of the view (not by a preload). */
  byRender?: boolean
}

/**
 * A resource view loaded on first use: the first screen needs its own view only, not the other
 * forty. react-admin renders views inside a Suspense boundary (its Layout), so the view may
 * suspend while its chunk loads.
 *
 * Unlike `React.lazy`, a view whose chunk was preloaded (the page the app opens on: see
 * `preloadRoute`) renders in the same pass that first mounts it: `React.lazy` suspends at least
 * once even for a loaded module, and React 19 then holds the revealed content back for its
 * fallback throttle (~300 ms), which was a fifth of the time to the first list row.
 */
export const lazyView = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyView => {
  let loading: TrackedPromise<ComponentType<object>> | null = null
  const start = (byRender: boolean) => {
    const tracked: TrackedPromise<ComponentType<object>> = load().then((module) => module[name] as ComponentType<object>)
    tracked.status = "pending"
    tracked.byRender = byRender
    tracked.then(
      (value) => {
        tracked.status = "fulfilled"
        tracked.value = value
      },
      (reason) => {
        tracked.status = "rejected"
        tracked.reason = reason
      }
    )
    loading = tracked
    return tracked
  }
  // A failed download is tried again by the next preload, and once by the view's first render
  // after a failed preload; never again by a render whose own download failed: React re-renders
  // a suspended view, and a render that started a new download each time would spin forever
  // instead of reaching the error boundary.
  const preload = () => (loading === null || loading.status === "rejected" ? start(false) : loading)
  const current = () => (loading === null || (loading.status === "rejected" && !loading.byRender) ? start(true) : loading)
  // `use` reads the `status` set above (or React's own): no suspension once the chunk is here.
  // biome-ignore lint/correctness/noComponentHookFactories: one component per view module, made once at module level (as React.lazy makes them)
  const View = (props: object) => createElement(use(current() as Promise<ComponentType<object>>), props)
  View.displayName = `LazyView(${name})`
  return Object.assign(View, { preload })
}
