import { CreateButton, FilterButton, TopToolbar, useFilterContext, useResourceDefinition } from "react-admin"
import { ExportButtons } from "./ExportButtons.js"
import { ImportDialog } from "./ImportDialog.js"

export interface YinfaListActionsProps {
  /** Adds the import dialog of that kind (the roster on volunteers, the sign-in sheet on participations). */
  readonly importKind?: "volunteers" | "attendance"
  /** Volunteers: the admins' "with full ID numbers and phones" option. */
  readonly allowReveal?: boolean
}

/**
 * react-admin's list actions with the server-side export (every page, .xlsx or .csv, masked as
 * the server masks) in place of its client-side CSV; lists using it pass `exporter={false}`.
 */
export const YinfaListActions = ({ importKind, allowReveal }: YinfaListActionsProps) => {
  const filters = useFilterContext()
  const { hasCreate } = useResourceDefinition()
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      {hasCreate && <CreateButton />}
      {importKind && <ImportDialog kind={importKind} />}
      <ExportButtons allowReveal={allowReveal} />
    </TopToolbar>
  )
}
