import { createElement } from "react"
import { PairingCheckInName } from "../../common/recordNames.js"

/**
 * Check-ins are listed and added on their pairing's page; the resource is declared (without a
 * list, so it stays out of the menu) for react-admin's reference fields and for labels.
 */
export const pairingCheckIns = {
  recordRepresentation: createElement(PairingCheckInName)
}
