import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from "react-admin"
import { categoryChoices, choicesOf } from "../../common/choices.js"
import { DateOnlyField, LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"

export const PairingList = () => {
  const filters = [
    <ReferenceInput key="mentorId" source="mentorId" reference="volunteers" alwaysOn>
      <AutocompleteInput />
    </ReferenceInput>,
    ...useRegionFilters(),
    <SelectInput key="category" source="category" choices={categoryChoices} />,
    <SelectInput key="menteeType" source="menteeType" choices={choicesOf("menteeType")} />,
    <SelectInput key="status" source="status" choices={choicesOf("pairingStatus")} />
  ]
  return (
    <List filters={filters} sort={DEFAULT_LIST_ORDER.pairings} actions={<YinfaListActions />} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="mentorId">
          <ReferenceField source="mentorId" reference="volunteers" link={false} />
        </DataTable.Col>
        <DataTable.Col source="menteeType">
          <LabelField source="menteeType" prefix="yinfa.enum.menteeType" />
        </DataTable.Col>
        <DataTable.Col source="menteeName" />
        <DataTable.Col source="beneficiaryOrganizationId">
          <ReferenceField source="beneficiaryOrganizationId" reference="organizations" link={false} emptyText="" />
        </DataTable.Col>
        <DataTable.Col source="category">
          <LabelField source="category" prefix="yinfa.category" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <LabelField source="status" prefix="yinfa.enum.pairingStatus" />
        </DataTable.Col>
        <DataTable.Col source="startedOn">
          <DateOnlyField source="startedOn" />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
