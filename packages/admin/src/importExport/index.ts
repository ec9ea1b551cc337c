export {
  base64ToBlob,
  dispositionName,
  download,
  exportPath,
  fetchDocument,
  fetchPublicJson,
  type ImportExportClient,
  type ImportIssue,
  type ImportResult,
  saveBlob,
  upload
} from "./client.js"
export { ImportExportClientProvider, useImportExportClient } from "./context.js"
export { ExportButtons, type ExportButtonsProps } from "./ExportButtons.js"
export { ImportDialog, type ImportDialogProps } from "./ImportDialog.js"
export { YinfaListActions, type YinfaListActionsProps } from "./ListActions.js"
