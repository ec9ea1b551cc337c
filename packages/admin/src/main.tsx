import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { YinfaAdmin } from "./YinfaAdmin.js"

// The standalone app: served by the yinfa server at `/`, talking to the API at `/api` on the same origin.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <YinfaAdmin apiUrl="/api" />
  </StrictMode>
)
