import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { LazyDashboard } from "./dashboard/lazyDashboard.js"
import { yinfaResources } from "./resources/index.js"
import { preloadRoute } from "./resources/preloadRoute.js"
import { YinfaAdmin } from "./YinfaAdmin.js"

// The page the browser opens on downloads while react-admin starts, not after it has mounted.
preloadRoute(window.location.hash, yinfaResources, LazyDashboard)

// The standalone app: served by the yinfa server at `/`, talking to the API at `/api` on the same origin.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <YinfaAdmin apiUrl="/api" />
  </StrictMode>
)
