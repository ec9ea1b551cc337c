import { DEFAULT_LIST_ORDER } from "@yinfa/core"
import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from "react-admin"
import { choicesOf } from "../../common/choices.js"
import { HoursField, InstantField, LabelField } from "../../common/fields.js"
import { RegionField, useRegionFilters } from "../../common/regions.js"
import { YinfaListActions } from "../../importExport/ListActions.js"
import { ParticipationActions } from "../activities/Show.js"

export const ParticipationList = () => {
  const filters = [
    <ReferenceInput key="activityId" source="activityId" reference="activities" alwaysOn>
      <AutocompleteInput />
    </ReferenceInput>,
    <ReferenceInput key="volunteerId" source="volunteerId" reference="volunteers">
      <AutocompleteInput />
    </ReferenceInput>,
    ...useRegionFilters(),
    <SelectInput key="status" source="status" choices={choicesOf("participationStatus")} />
  ]
  return (
    <List
      filters={filters}
      sort={DEFAULT_LIST_ORDER.participations}
      actions={<YinfaListActions importKind="attendance" />}
      exporter={false}
      // With no participations yet, react-admin's empty page would hide the toolbar, and with it
      // the sign-in sheet import that records the first ones.
      empty={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="activityId">
          <ReferenceField source="activityId" reference="activities" />
        </DataTable.Col>
        <DataTable.Col source="volunteerId">
          <ReferenceField source="volunteerId" reference="volunteers" />
        </DataTable.Col>
        <DataTable.Col source="regionCode">
          <RegionField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <LabelField source="status" prefix="yinfa.enum.participationStatus" />
        </DataTable.Col>
        <DataTable.Col source="hours">
          <HoursField source="hours" />
        </DataTable.Col>
        <DataTable.Col source="signedUpAt">
          <InstantField source="signedUpAt" />
        </DataTable.Col>
        <DataTable.Col label="" disableSort>
          <ParticipationActions />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}
