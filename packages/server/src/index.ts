export {
  makeYinfaHandler,
  makeYinfaRuntime,
  type YinfaRuntime,
  startServer,
  type YinfaHandler,
  type YinfaHandlerOptions,
  type RunningServer,
  type CoreContext
} from "./handler.js"
export { type StoreOption, storeLayer, migrateStore } from "./store.js"
export { YinfaApi, Authentication, Unauthorized, ErrorBody } from "./http/api.js"
export { type AppOptions, makeHttpApp, ApiLayer, DEFAULT_BODY_LIMIT, DEFAULT_UPLOAD_LIMIT } from "./http/app.js"
export { RESOURCE_TABLE, type ResourceEntry, type Action, deriveWhitelist } from "./http/resources.js"
export {
  parseListRequest,
  parseFilter,
  parseSort,
  parseRange,
  contentRange,
  BadParam,
  MAX_PAGE,
  type Whitelist
} from "./http/simpleRest.js"
export { Auth, AuthLive, type AuthOptions, defaultAuthOptions, type LoginOutcome } from "./auth/Auth.js"
export { hashPassword, verifyPassword } from "./auth/password.js"
export { addUser, type NewUser } from "./accounts.js"
export { seedDemo, isEmpty, DEMO_PASSWORD, type DemoSummary, type DemoOptions } from "./demo/seed.js"
