import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { BooleanField, BooleanInput, DataTable, List, SearchInput, SelectField, SelectInput } from "react-admin"
import { categoryChoices, choicesOf, expertiseChoices } from "../../common/choices.js"
import { LabelsField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const VolunteerList = () => {
  const regionFilters = useRegionFilters()
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    ...regionFilters,
    <SelectInput key="interests_inc" source="interests_inc" choices={categoryChoices} />,
    <SelectInput key="expertise_inc" source="expertise_inc" choices={expertiseChoices} />,
    <BooleanInput key="talentPool" source="talentPool" />,
    <SelectInput key="fitness" source="fitness" choices={choicesOf("fitness")} />,
    <SelectInput key="status" source="status" choices={choicesOf("volunteerStatus")} />
  ]
  return (
    <List
      filters={filters}
      // The roster import, and the server's export of every page (masked unless an admin asks
      // for full numbers, which the server audits) instead of react-admin's CSV of loaded rows.
      actions={<YinfaListActions importKind="volunteers" allowReveal />}
      exporter={false}
      sort={DEFAULT_LIST_ORDER.volunteers}
      filterDefaultValues={{ status: "active" }}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="volunteerNumber" />
        <DataTable.Col source="name" />
        <DataTable.Col source="gender">
          <SelectField source="gender" choices={choicesOf("gender")} />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        {/* Masked by the server (3209**********123X); the full number is behind 查看完整信息. */}
        <DataTable.Col source="idNumber" />
        <DataTable.Col source="phone" />
        <DataTable.Col source="interests" disableSort>
          <LabelsField source="interests" prefix="yinfa.category" />
        </DataTable.Col>
        <DataTable.Col source="talentPool">
          <BooleanField source="talentPool" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choicesOf("volunteerStatus")} />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
