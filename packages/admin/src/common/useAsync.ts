import { useCallback, useEffect, useState } from "react"

/**
 * Loads non-CRUD data (service record, candidates, statistics) from the data provider: a plain
 * effect, outside react-query's cache, so react-admin's `refresh()` does not reload it (`reload` does).
 */
export const useAsync = <T>(load: () => Promise<T>, deps: ReadonlyArray<unknown>, enabled = true) => {
  const [state, setState] = useState<{ data?: T; error?: Error; isPending: boolean }>({ isPending: enabled })
  const [version, setVersion] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  useEffect(() => {
    if (!enabled) return
    let live = true
    setState((s) => ({ ...s, isPending: true }))
    load().then(
      (data) => live && setState({ data, isPending: false }),
      (error: Error) => live && setState({ error, isPending: false })
    )
    return () => {
      live = false
    }
  }, [...deps, enabled, version])
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  return { ...state, reload }
}
