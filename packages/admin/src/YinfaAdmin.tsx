import { QueryClient } from "@tanstack/react-query"
import { useEffect, useMemo } from "react"
import { CHINA_UTC_OFFSET_MINUTES } from "@yinfa/core"
import {
  Admin,
  type AuthProvider,
  CustomRoutes,
  type DataProvider,
  type I18nProvider,
  localStorageStore,
  Resource,
  reactRouterProvider,
  type Store,
  useTranslate
} from "react-admin"
import { VerifyPage } from "./certificates/VerifyPage.js"
import { LazyDashboard } from "./dashboard/lazyDashboard.js"
import type { ImportExportClient } from "./importExport/client.js"
import { ImportExportClientProvider } from "./importExport/context.js"
import { CityClockProvider } from "./common/cityClock.js"
import { createAuthProvider, type YinfaPermissions } from "./providers/authProvider.js"
import { createDataProvider } from "./providers/dataProvider.js"
import { createHttpClient } from "./providers/httpClient.js"
import { createI18nProvider } from "./providers/i18nProvider.js"
import { type SessionStore, webStorageSession } from "./providers/session.js"
import { answerAuthQueriesFromSession } from "./providers/sessionAuthAnswers.js"
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
  /** react-query's client, for a host that shares one; a new one by default. */
  readonly queryClient?: QueryClient
  /**
   * Client of the file endpoints (import, export, certificates, report pack), which travel as
   * files rather than JSON. Default: `apiUrl`, the session's token and the UI language. Pass one
   * when the auth provider keeps its token somewhere else.
   */
  readonly importExportClient?: ImportExportClient
  /**
   * Offset of the city's wall clock from UTC in minutes, as the server's configuration has it
   * (default 480, China Standard Time): "today" and whether an activity has started are the
   * city's, whatever the browser's time zone.
   */
  readonly utcOffsetMinutes?: number
}

/** The app's name in the UI language: react-admin shows `<Admin title>` as given, untranslated. */
const AppTitle = () => {
  const translate = useTranslate()
  return <>{translate("yinfa.app.title")}</>
}

// The router of react-admin's default router provider (react-router), without depending on it directly.
const { Route } = reactRouterProvider

/**
 * The whole yinfa dashboard as one component, like react-admin's CRM example: every provider
 * can be injected, nothing is read from the environment, and no telemetry is sent.
 */
export const YinfaAdmin = ({
  apiUrl = "/api",
  dataProvider,
  authProvider,
  i18nProvider,
  session,
  basename,
  store,
  queryClient,
  importExportClient,
  utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES
}: YinfaAdminProps) => {
  const providers = useMemo(() => {
    const i18n = i18nProvider ?? createI18nProvider()
    const sessionStore = session ?? webStorageSession()
    const httpClient = createHttpClient({ session: sessionStore, getLocale: () => i18n.getLocale() })
    return {
      i18n,
      session: sessionStore,
      data: dataProvider ?? createDataProvider(apiUrl, httpClient),
      auth: authProvider ?? createAuthProvider({ apiUrl, session: sessionStore, httpClient }),
      files: importExportClient ?? { apiUrl, getToken: () => sessionStore.get()?.token ?? null, locale: () => i18n.getLocale() }
    }
  }, [apiUrl, dataProvider, authProvider, i18nProvider, session, importExportClient])
  const queries = useMemo(() => queryClient ?? new QueryClient(), [queryClient])
  // The default auth provider's answers are known from the stored session: seeded before the
  // first render (the memo), kept while mounted and removed on unmount (the effect).
  useMemo(() => !authProvider && answerAuthQueriesFromSession(queries, providers.session), [authProvider, queries, providers.session])
  useEffect(
    () => (authProvider ? undefined : answerAuthQueriesFromSession(queries, providers.session)),
    [authProvider, queries, providers.session]
  )
  const appStore = useMemo(() => store ?? localStorageStore(undefined, "yinfa"), [store])

  return (
    <CityClockProvider utcOffsetMinutes={utcOffsetMinutes}>
      <ImportExportClientProvider client={providers.files}>
        <Admin
          title={<AppTitle />}
          dataProvider={providers.data}
          authProvider={providers.auth}
          i18nProvider={providers.i18n}
          store={appStore}
          queryClient={queries}
          basename={basename}
          dashboard={LazyDashboard}
          theme={yinfaTheme}
          // No `requireAuth`: with react-admin 5.15's hash router it bounces between /login and a
          // LogoutOnMount route hundreds of times before settling. Every page checks auth anyway.
          disableTelemetry
        >
          {/* Public: whoever holds a certificate checks its number here without an account. */}
          <CustomRoutes noLayout>
            <Route path="/verify" element={<VerifyPage />} />
            <Route path="/verify/:number" element={<VerifyPage />} />
          </CustomRoutes>
          {(permissions: YinfaPermissions | null) =>
            Object.entries(yinfaResources)
              // Users are the city bureau's business: the resource (menu item and routes) exists only for it.
              .filter(([name]) => name !== "users" || permissions?.role === "city-admin")
              // A resource without a list page (pairing check-ins) stays out of the menu.
              .map(([name, definition]) => <Resource key={name} name={name} {...definition} />)
          }
        </Admin>
      </ImportExportClientProvider>
    </CityClockProvider>
  )
}
