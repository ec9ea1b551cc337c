import { Context } from "effect"
import type { AuditEntry } from "../domain/auditEntry.js"
import type { ReadOnlyService } from "./ReadOnlyService.js"

/** The audit log, read-only, scoped by the region of the record each entry is about. */
export class AuditLog extends Context.Tag("@yinfa/core/AuditLog")<AuditLog, ReadOnlyService<AuditEntry>>() {}
