import type { QueryClient, QueryKey } from "@tanstack/react-query"
import { canAccessFor, identityOf, sessionPermissions } from "./authProvider.js"
import type { SessionStore } from "./session.js"

/**
 * react-admin asks the auth provider every question through react-query (`['auth', 'checkAuth',
 * …]`, `['auth', 'canAccess', { action, resource }]`, …): each answer arrives a task later and
 * re-renders the page, and a list only requests its rows once checkAuth and then canAccess have
 * answered. With the default auth provider every one of these answers is already known from the
 * stored session, so they are put in the cache the moment react-admin first asks: the first
 * render has them, and the rows are requested renders earlier.
 *
 * The auth provider is still asked (the seeded answers are stale at once, so react-query fetches
 * them as before); when it disagrees, its answer replaces the seed. Only questions whose answer
 * is the default auth provider's own are seeded, and none when signed out.
 *
 * One listener per client: installing again (a re-render, React's StrictMode) only changes the
 * session it reads. The function returned removes it, unless it was installed again since.
 */
export const answerAuthQueriesFromSession = (queryClient: QueryClient, session: SessionStore): (() => void) => {
  const installed = listeners.get(queryClient)
  if (installed) {
    installed.session = session
    return () => {
      if (listeners.get(queryClient) === installed && installed.session === session) uninstall(queryClient, installed)
    }
  }
  const entry: Installed = { session, unsubscribe: () => undefined }
  entry.unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== "added") return
    const known = knownAnswer(event.query.queryKey, entry.session)
    // updatedAt 0: stale already, so react-query still asks the auth provider on mount.
    if (known !== undefined) queryClient.setQueryData(event.query.queryKey, known.value, { updatedAt: 0 })
  })
  listeners.set(queryClient, entry)
  return () => {
    if (listeners.get(queryClient) === entry && entry.session === session) uninstall(queryClient, entry)
  }
}

interface Installed {
  session: SessionStore
  unsubscribe: () => void
}

const listeners = new WeakMap<QueryClient, Installed>()

const uninstall = (queryClient: QueryClient, entry: Installed) => {
  entry.unsubscribe()
  listeners.delete(queryClient)
}

/** The auth provider's answer to `key`, when the stored session tells it without asking. */
const knownAnswer = (key: QueryKey, session: SessionStore): { readonly value: unknown } | undefined => {
  const current = session.get()
  if (current === null || key[0] !== "auth") return undefined
  // The keys of ra-core's hooks, exactly: any other shape is left to the auth provider.
  const params = key[2]
  switch (key[1]) {
    case "checkAuth":
      return key.length === 3 ? { value: true } : undefined
    case "getPermissions":
      return key.length === 3 ? { value: sessionPermissions(session) } : undefined
    case "getIdentity":
      return key.length === 2 ? { value: identityOf(current.user) } : undefined
    case "canAccess": {
      // useCanAccess's key: { action, resource, recordId, …options }. Other shapes (several
      // resources at once) are left to the auth provider.
      if (key.length !== 3 || typeof params !== "object" || params === null || Array.isArray(params)) return undefined
      const { action, resource } = params as { action?: unknown; resource?: unknown }
      if (typeof action !== "string" || typeof resource !== "string") return undefined
      return { value: canAccessFor(sessionPermissions(session), resource, action) }
    }
    default:
      return undefined
  }
}
