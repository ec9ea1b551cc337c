export {
  base64ToBlob,
  dispositionName,
  download,
  type ImportExportClient,
  type ImportIssue,
  type ImportResult,
  saveBlob,
  upload
} from "./client.js"
export { ExportButtons, type ExportButtonsProps } from "./ExportButtons.js"
export { ImportDialog, type ImportDialogProps } from "./ImportDialog.js"
