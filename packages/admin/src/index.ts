export { IssueCertificateButton, PrintCertificateButton, useDocumentViewer, VerifyPage } from "./certificates/index.js"
export { WorkflowButton, type WorkflowButtonProps } from "./common/WorkflowButton.js"
export { Dashboard } from "./dashboard/Dashboard.js"
export { en, yinfaEn } from "./i18n/en.js"
export { type RaMessages, raZhCN } from "./i18n/ra-zh-CN.js"
export { type YinfaMessages, yinfaZhCN, zhCN } from "./i18n/zh-CN.js"
export {
  ExportButtons,
  type ExportButtonsProps,
  exportPath,
  ImportDialog,
  type ImportDialogProps,
  type ImportExportClient,
  ImportExportClientProvider,
  type ImportResult,
  useImportExportClient,
  YinfaListActions,
  type YinfaListActionsProps
} from "./importExport/index.js"
export { type AuthProviderOptions, canAccessFor, createAuthProvider, type Role, type YinfaPermissions } from "./providers/authProvider.js"
export { changedFields, createDataProvider, type StatsParams, type StatsResults, type YinfaDataProvider } from "./providers/dataProvider.js"
export { createHttpClient, type HttpClient, type HttpClientOptions } from "./providers/httpClient.js"
export { createI18nProvider, LOCALES } from "./providers/i18nProvider.js"
export { memorySession, type Session, type SessionStore, type SessionUser, webStorageSession } from "./providers/session.js"
export {
  activities,
  auditLog,
  brandProjects,
  certificates,
  exemplars,
  experienceReports,
  organizations,
  pairingCheckIns,
  pairings,
  participations,
  regions,
  serviceHours,
  users,
  volunteers,
  type YinfaResourceName,
  yinfaResources
} from "./resources/index.js"
export { yinfaTheme } from "./theme.js"
export { YinfaAdmin, type YinfaAdminProps } from "./YinfaAdmin.js"
