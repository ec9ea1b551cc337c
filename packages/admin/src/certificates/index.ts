export { useDocumentViewer } from "./DocumentDialog.js"
export { IssueCertificateButton } from "./IssueCertificateButton.js"
export { PrintCertificateButton } from "./PrintCertificateButton.js"
export { VerifyPage } from "./VerifyPage.js"
