import { usePermissions } from "react-admin"
import type { YinfaPermissions } from "../providers/authProvider.js"

/** The caller's role and region, with the questions screens ask of them. */
export const useYinfaPermissions = () => {
  const { permissions, isPending } = usePermissions<YinfaPermissions | null>()
  const role = permissions?.role ?? null
  return {
    isPending,
    role,
    regionCode: permissions?.regionCode ?? null,
    isCityAdmin: role === "city-admin",
    isRegionAdmin: role === "region-admin",
    canWrite: role === "city-admin" || role === "region-admin",
    /** Region admins and region-bound viewers work in one region: no region picker for them. */
    pickRegion: role !== null && !(role !== "city-admin" && permissions?.regionCode)
  }
}
