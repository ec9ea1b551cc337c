export { aggregateRows, MemoryStoreLive, makeMemoryStore, makeMemoryStoreWithTables } from "./MemoryStore.js"
export { compareValues, matchFilter } from "./matchFilter.js"
