import { ReferenceField } from "react-admin"
import { DateOnlyField, HoursField } from "./fields.js"

/*
 * Records without a name of their own, named through the records they belong to, as the exports
 * and the audit entries' words name them (the server's readableValues). Used as these resources'
 * `recordRepresentation`, so wherever react-admin shows such a record (a reference, a page title,
 * the audit log's record column) a reader sees whose record it is instead of its id. Each renders
 * inside the record's own context; the references are fetched together for a page.
 */

const Separator = () => <span> · </span>

/** A sign-up: 开学第一课 · 王德明（YC2024000001）. */
export const ParticipationName = () => (
  <span>
    <ReferenceField source="activityId" reference="activities" link={false} />
    <Separator />
    <ReferenceField source="volunteerId" reference="volunteers" link={false} />
  </span>
)

/** An hour entry: 王德明（YC2024000001） · 2026年11月28日 · 4 小时. */
export const ServiceHourName = () => (
  <span>
    <ReferenceField source="volunteerId" reference="volunteers" link={false} />
    <Separator />
    <DateOnlyField source="serviceDate" />
    <Separator />
    <HoursField source="hours" />
  </span>
)

/** A check-in: the pairing's mentee and the day, 李立新 · 2026年11月28日. */
export const PairingCheckInName = () => (
  <span>
    <ReferenceField source="pairingId" reference="pairings" link={false} />
    <Separator />
    <DateOnlyField source="date" />
  </span>
)
