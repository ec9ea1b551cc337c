import type { ReactNode } from "react"
import { DataTable, type DataTableProps, type FilterPayload, Pagination, ReferenceManyField, type SortPayload } from "react-admin"

export type RelatedRecordsProps = {
  /** The resource whose records point at the current one. */
  reference: string
  /** The field of `reference` holding the current record's id. */
  target: string
  sort?: SortPayload
  filter?: FilterPayload
  rowClick?: DataTableProps["rowClick"]
  /**
   * Read only by an enclosing show layout, which otherwise prints an empty field label above the
   * table; pass it where the records sit directly in a tab, whose label already titles them.
   */
  label?: false
  /** The `DataTable.Col` columns. */
  children: ReactNode
}

/** The records of another resource that refer to the current one, paged, without bulk actions. */
export const RelatedRecords = ({ reference, target, sort, filter, rowClick = "show", children }: RelatedRecordsProps) => (
  <ReferenceManyField reference={reference} target={target} sort={sort} filter={filter} pagination={<Pagination />}>
    <DataTable bulkActionButtons={false} rowClick={rowClick} resource={reference}>
      {children}
    </DataTable>
  </ReferenceManyField>
)
