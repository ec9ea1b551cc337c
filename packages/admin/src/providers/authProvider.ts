import { type AuthProvider, HttpError } from "react-admin"
import type { HttpClient } from "./httpClient.js"
import type { SessionStore, SessionUser } from "./session.js"

export type Role = SessionUser["role"]

/** What `usePermissions()` returns. */
export interface YinfaPermissions {
  readonly role: Role
  readonly regionCode: string | null
}

/** Resources nobody writes through the dashboard: the ledger and the log are appended by workflows. */
const READ_ONLY = new Set(["service-hours", "audit-log"])
const READ_ACTIONS = new Set(["list", "show", "export", "read"])
/** Workflow actions reserved to the city bureau (it reviews the counties' reports). */
const CITY_ONLY: Record<string, ReadonlySet<string>> = {
  "experience-reports": new Set(["accept", "return", "publish"]),
  regions: new Set(["create", "edit", "delete"])
}

/**
 * The role rules the UI follows (the server enforces the same ones): viewers read only; region
 * admins write in their region but never see user management or city-only actions.
 */
export const canAccessFor = (permissions: YinfaPermissions | null | undefined, resource: string, action: string): boolean => {
  if (!permissions) return false
  const city = permissions.role === "city-admin"
  if (resource === "users") return city
  if (READ_ACTIONS.has(action)) return true
  if (permissions.role === "viewer") return false
  // Certificates are made only by issuing one (and never edited: the paper is out there).
  if (resource === "certificates") return action === "issue"
  if (READ_ONLY.has(resource)) return false
  if (CITY_ONLY[resource]?.has(action)) return city
  return true
}

export interface AuthProviderOptions {
  readonly apiUrl: string
  readonly session: SessionStore
  readonly httpClient: HttpClient
}

/** What react-admin's `getIdentity` answers for a signed-in user. */
export const identityOf = (user: SessionUser) => ({
  id: user.id,
  fullName: user.displayName,
  username: user.username,
  role: user.role,
  regionCode: user.regionCode
})

/** The permissions of the stored session's user (none when signed out). */
export const sessionPermissions = (session: SessionStore): YinfaPermissions | null => {
  const user = session.get()?.user
  return user ? { role: user.role, regionCode: user.regionCode ?? null } : null
}

/** Bearer-token sign-in against /api/auth (login, me, logout). */
export const createAuthProvider = ({ apiUrl, session, httpClient }: AuthProviderOptions): AuthProvider => {
  const permissions = () => sessionPermissions(session)
  return {
    login: async ({ username, password }: { username: string; password: string }) => {
      const { json } = await httpClient(`${apiUrl}/auth/login`, { method: "POST", body: JSON.stringify({ username, password }) })
      session.set({ token: json.token, user: json.user })
    },
    logout: async () => {
      if (session.get()) {
        // Ending the server session is best effort: the local token goes either way.
        await httpClient(`${apiUrl}/auth/logout`, { method: "POST" }).catch(() => undefined)
      }
      session.set(null)
    },
    checkAuth: async () => {
      if (!session.get()) throw new Error("ra.auth.auth_check_error")
    },
    checkError: async (error: unknown) => {
      const status = (error as HttpError | undefined)?.status
      // 401: the session expired or was revoked. 403 is a refusal of one action, not a sign-out.
      if (status === 401) {
        session.set(null)
        throw new Error("ra.notification.logged_out")
      }
    },
    getIdentity: async () => {
      const current = session.get()
      if (!current) throw new Error("ra.auth.auth_check_error")
      // Refresh from the server so a role change is seen on the next load; fall back to the stored copy.
      const user: SessionUser = await httpClient(`${apiUrl}/auth/me`)
        .then(({ json }) => (json?.user ?? json) as SessionUser)
        .then((fresh) => {
          if (fresh?.id) session.set({ ...current, user: fresh })
          return fresh?.id ? fresh : current.user
        })
        .catch((e) => {
          if ((e as HttpError)?.status === 401) throw e
          return current.user
        })
      return identityOf(user)
    },
    getPermissions: async () => permissions(),
    canAccess: async ({ resource, action }) => canAccessFor(permissions(), resource, action)
  }
}
