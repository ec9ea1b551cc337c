import { useMemo } from "react"
import { Admin, type AuthProvider, type DataProvider, type I18nProvider, localStorageStore, Resource, type Store } from "react-admin"
import { Dashboard } from "./dashboard/Dashboard.js"
import { createAuthProvider, type YinfaPermissions } from "./providers/authProvider.js"
import { createDataProvider } from "./providers/dataProvider.js"
import { createHttpClient } from "./providers/httpClient.js"
import { createI18nProvider } from "./providers/i18nProvider.js"
import { type SessionStore, webStorageSession } from "./providers/session.js"
import { yinfaResources } from "./resources/index.js"
import { yinfaTheme } from "./theme.js"

export interface YinfaAdminProps {
  /** Base URL of the yinfa API; ignored for the providers passed in. Default `/api`. */
  readonly apiUrl?: string
  readonly dataProvider?: DataProvider
  readonly authProvider?: AuthProvider
  readonly i18nProvider?: I18nProvider
  /** Where the bearer token is kept when the default auth provider is used. */
  readonly session?: SessionStore
  /** For mounting under a path of a host router. */
  readonly basename?: string
  readonly store?: Store
}

/**
 * The whole yinfa dashboard as one component, like react-admin's CRM example: every provider
 * can be injected, nothing is read from the environment, and no telemetry is sent.
 */
export const YinfaAdmin = ({ apiUrl = "/api", dataProvider, authProvider, i18nProvider, session, basename, store }: YinfaAdminProps) => {
  const providers = useMemo(() => {
    const i18n = i18nProvider ?? createI18nProvider()
    const sessionStore = session ?? webStorageSession()
    const httpClient = createHttpClient({ session: sessionStore, getLocale: () => i18n.getLocale() })
    return {
      i18n,
      data: dataProvider ?? createDataProvider(apiUrl, httpClient),
      auth: authProvider ?? createAuthProvider({ apiUrl, session: sessionStore, httpClient })
    }
  }, [apiUrl, dataProvider, authProvider, i18nProvider, session])
  const appStore = useMemo(() => store ?? localStorageStore(undefined, "yinfa"), [store])

  return (
    <Admin
      title="银发再出发"
      dataProvider={providers.data}
      authProvider={providers.auth}
      i18nProvider={providers.i18n}
      store={appStore}
      basename={basename}
      dashboard={Dashboard}
      theme={yinfaTheme}
      // No `requireAuth`: with react-admin 5.15's hash router it bounces between /login and a
      // LogoutOnMount route hundreds of times before settling. Every page checks auth anyway.
      disableTelemetry
    >
      {(permissions: YinfaPermissions | null) =>
        Object.entries(yinfaResources)
          // Users are the city bureau's business: the resource (menu item and routes) exists only for it.
          .filter(([name]) => name !== "users" || permissions?.role === "city-admin")
          // A resource without a list page (pairing check-ins) stays out of the menu.
          .map(([name, definition]) => <Resource key={name} name={name} {...definition} />)
      }
    </Admin>
  )
}
