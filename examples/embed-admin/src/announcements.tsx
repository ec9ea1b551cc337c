import { Create, DataTable, Edit, List, required, SimpleForm, TextInput } from "react-admin"

/** The host app's own resource, living beside yinfa's. */
export const AnnouncementList = () => (
  <List>
    <DataTable>
      <DataTable.Col source="title" />
      <DataTable.Col source="publishedOn" />
    </DataTable>
  </List>
)

const Inputs = () => (
  <SimpleForm>
    <TextInput source="title" validate={required()} fullWidth />
    <TextInput source="body" multiline minRows={4} fullWidth />
  </SimpleForm>
)

export const AnnouncementCreate = () => (
  <Create>
    <Inputs />
  </Create>
)

export const AnnouncementEdit = () => (
  <Edit>
    <Inputs />
  </Edit>
)
