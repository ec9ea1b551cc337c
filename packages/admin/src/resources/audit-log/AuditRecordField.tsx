import {
  Link,
  RecordContextProvider,
  useCreatePath,
  useGetManyAggregate,
  useGetRecordRepresentation,
  useRecordContext,
  useResourceDefinitions
} from "react-admin"

/**
 * The record an audit entry is about, by its name and linked to its page where the reader may
 * open it. The records of a page are fetched together (one getMany per resource); a record the
 * reader may not see, or that is gone, is shown by its id.
 */
export const AuditRecordField = () => {
  const entry = useRecordContext<{ id: string; resource: string; recordId: string }>()
  const definitions = useResourceDefinitions()
  const createPath = useCreatePath()
  const resource = entry?.resource ?? ""
  const registered = definitions[resource] !== undefined
  const { data } = useGetManyAggregate(resource, { ids: entry ? [entry.recordId] : [] }, { enabled: registered })
  const represent = useGetRecordRepresentation(resource)
  if (!entry) return null
  const found = data?.find((r) => String(r.id) === String(entry.recordId))
  // A record without a name of its own is named through its references, in its own context.
  const text = found ? <RecordContextProvider value={found}>{represent(found)}</RecordContextProvider> : entry.recordId
  if (!registered || !definitions[resource].hasShow) return <span>{text}</span>
  return (
    // The row opens the audit entry; the name opens the record.
    <Link
      to={createPath({ resource, id: entry.recordId, type: "show" })}
      onClick={(e: { stopPropagation: () => void }) => e.stopPropagation()}
    >
      {text}
    </Link>
  )
}
