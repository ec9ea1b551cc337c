import { render } from "@testing-library/react"
import type { AuthProvider, DataProvider } from "react-admin"
import { YinfaAdmin } from "../src/YinfaAdmin.js"
import { fakeAuthProvider, fakeDataProvider, freshStore, users } from "./fixtures.js"

/** Renders the whole app at a hash route (react-admin's default router) as one of the test users. */
export const renderApp = (
  route: string,
  {
    dataProvider = fakeDataProvider(),
    authProvider = fakeAuthProvider(users.city)
  }: { dataProvider?: DataProvider; authProvider?: AuthProvider } = {}
) => {
  window.location.hash = `#${route}`
  return render(<YinfaAdmin dataProvider={dataProvider} authProvider={authProvider} store={freshStore()} />)
}
