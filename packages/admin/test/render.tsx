import { render } from "@testing-library/react"
import type { AuthProvider, DataProvider } from "react-admin"
import type { ImportExportClient } from "../src/importExport/client.js"
import { YinfaAdmin } from "../src/YinfaAdmin.js"
import { fakeAuthProvider, fakeDataProvider, freshStore, users } from "./fixtures.js"

/** Renders the whole app at a hash route (react-admin's default router) as one of the test users. */
/** The file endpoints' client the tests see: a fixed token, so requests can be checked for it. */
export const testClient: ImportExportClient = { apiUrl: "/api", getToken: () => "test-token", locale: () => "zh-CN" }

export const renderApp = (
  route: string,
  {
    dataProvider = fakeDataProvider(),
    authProvider = fakeAuthProvider(users.city),
    importExportClient = testClient
  }: { dataProvider?: DataProvider; authProvider?: AuthProvider; importExportClient?: ImportExportClient } = {}
) => {
  window.location.hash = `#${route}`
  return render(
    <YinfaAdmin dataProvider={dataProvider} authProvider={authProvider} store={freshStore()} importExportClient={importExportClient} />
  )
}
