import { lazyView } from "../resources/lazy.js"

/** The home page carries the charts (recharts): loaded when it is shown, not before the first list. */
export const LazyDashboard = lazyView(() => import("./Dashboard.js"), "Dashboard")
