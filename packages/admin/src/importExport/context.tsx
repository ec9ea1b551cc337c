import { createContext, type ReactNode, useContext } from "react"
import type { ImportExportClient } from "./client.js"

/**
 * The file endpoints' client (API base, token, UI language). Provided by <YinfaAdmin>; an app
 * that mounts yinfa's resources inside its own <Admin> provides it itself. Without one, the
 * import, export, certificate and report-pack controls are not shown: they would have no
 * server to talk to.
 */
const ImportExportClientContext = createContext<ImportExportClient | null>(null)

export const ImportExportClientProvider = ({ client, children }: { client: ImportExportClient | null; children: ReactNode }) => (
  <ImportExportClientContext.Provider value={client}>{children}</ImportExportClientContext.Provider>
)

export const useImportExportClient = (): ImportExportClient | null => useContext(ImportExportClientContext)
