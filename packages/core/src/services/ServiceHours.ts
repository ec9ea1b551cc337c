import { Context } from "effect"
import type { ServiceHour } from "../domain/serviceHour.js"
import type { ReadOnlyService } from "./ReadOnlyService.js"

/** The append-only service-hour ledger, read-only and scoped by where the service happened. */
export class ServiceHours extends Context.Tag("@yinfa/core/ServiceHours")<ServiceHours, ReadOnlyService<ServiceHour>>() {}
