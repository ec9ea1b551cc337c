import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, FunctionField, List, SearchInput } from "react-admin"
import { PrintCertificateButton } from "../../certificates/PrintCertificateButton.js"
import { DateOnlyField, HoursField, stars } from "../../common/fields.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const StarsField = () => (
  <FunctionField source="starLevel" render={(r: { starLevel?: number }) => (r.starLevel ? stars(r.starLevel) : "—")} />
)

/** Issued certificates, newest first. Read-only: a certificate is made by 开具服务证明 on a volunteer's page. */
export const CertificateList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn />]}
    sort={DEFAULT_LIST_ORDER.certificates}
    actions={<YinfaListActions />}
    exporter={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="certificateNumber" />
      <DataTable.Col source="volunteerName" />
      <DataTable.Col source="volunteerNumber" />
      <DataTable.Col source="totalHours">
        <HoursField source="totalHours" />
      </DataTable.Col>
      <DataTable.Col source="starLevel">
        <StarsField />
      </DataTable.Col>
      <DataTable.Col source="issuedOn">
        <DateOnlyField source="issuedOn" />
      </DataTable.Col>
      <DataTable.Col label={false} disableSort>
        <PrintCertificateButton />
      </DataTable.Col>
    </DataTable>
  </List>
)
