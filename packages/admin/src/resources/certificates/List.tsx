import { Box, Button, Typography } from "@mui/material"
import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { DataTable, FunctionField, Link, List, SearchInput, useTranslate } from "react-admin"
import { PrintCertificateButton } from "../../certificates/PrintCertificateButton.js"
import { DateOnlyField, HoursField, stars } from "../../common/fields.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const StarsField = () => (
  <FunctionField source="starLevel" render={(r: { starLevel?: number }) => (r.starLevel ? stars(r.starLevel) : "—")} />
)

/**
 * Before the first certificate: where certificates come from (a volunteer's page, since there is
 * no create button here) and where they are verified, instead of react-admin's bare "empty".
 */
const NoCertificates = () => {
  const translate = useTranslate()
  return (
    <Box sx={{ textAlign: "center", mt: 6, mx: "auto", maxWidth: 560 }}>
      <Typography variant="h6" gutterBottom>
        {translate("yinfa.certificate.none")}
      </Typography>
      <Typography variant="body2" color="text.secondary" paragraph>
        {translate("yinfa.certificate.howToIssue")}
      </Typography>
      <Button component={Link} to="/volunteers" variant="contained" sx={{ mr: 1 }}>
        {translate("resources.volunteers.name", { smart_count: 2 })}
      </Button>
      <Button component={Link} to="/verify">
        {translate("yinfa.certificate.verifyLink")}
      </Button>
    </Box>
  )
}

/** Issued certificates, newest first. Read-only: a certificate is made by 开具服务证明 on a volunteer's page. */
export const CertificateList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn />]}
    sort={DEFAULT_LIST_ORDER.certificates}
    actions={<YinfaListActions />}
    exporter={false}
    empty={<NoCertificates />}
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
