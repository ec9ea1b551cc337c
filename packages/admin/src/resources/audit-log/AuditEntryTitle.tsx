import { useLocaleState, useRecordContext, useTranslate } from "react-admin"
import { useCityClock } from "../../common/cityClock.js"
import { formatInstant } from "../../common/format.js"

/** An audit entry's page title: 操作日志 活动 · 新增 · 2025年11月30日 09:00, not its codes and UTC instant. */
export const AuditEntryTitle = () => {
  const record = useRecordContext<{ id: string; resource?: string; action?: string; at?: string }>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { utcOffsetMinutes } = useCityClock()
  if (!record) return null
  const resource = record.resource ? translate(`resources.${record.resource}.name`, { smart_count: 1, _: record.resource }) : ""
  const action = record.action ? translate(`yinfa.enum.auditAction.${record.action}`, { _: record.action }) : ""
  const parts = [resource, action, formatInstant(locale, record.at ?? null, utcOffsetMinutes)].filter((part) => part !== "")
  return <>{`${translate("resources.audit-log.name", { smart_count: 1 })} ${parts.join(" · ")}`}</>
}
