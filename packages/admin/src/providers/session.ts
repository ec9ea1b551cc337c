/** The signed-in user as /api/auth returns it. */
export interface SessionUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: "city-admin" | "region-admin" | "viewer"
  readonly regionCode: string | null
}

export interface Session {
  readonly token: string
  readonly user: SessionUser
}

/**
 * Where the bearer token lives. One object shared by the auth provider (which writes it) and the
 * HTTP client (which reads it), so an embedding app can keep it in memory or sessionStorage.
 */
export interface SessionStore {
  get(): Session | null
  set(session: Session | null): void
}

/** Persists in a Web Storage (localStorage by default) so a reload keeps the user signed in. */
export const webStorageSession = (storage: Storage | undefined = globalThis.localStorage, key = "yinfa.session"): SessionStore => {
  let memory: Session | null = null
  return {
    get: () => {
      if (!storage) return memory
      try {
        const raw = storage.getItem(key)
        return raw ? (JSON.parse(raw) as Session) : null
      } catch {
        return null
      }
    },
    set: (session) => {
      memory = session
      if (!storage) return
      if (session) storage.setItem(key, JSON.stringify(session))
      else storage.removeItem(key)
    }
  }
}

/** Keeps the session in memory only (tests, or embedders with their own sign-in). */
export const memorySession = (initial: Session | null = null): SessionStore => {
  let current = initial
  return { get: () => current, set: (s) => void (current = s) }
}
