export { makeMemoryStore, MemoryStoreLive, aggregateRows } from "./MemoryStore.js"
export { matchFilter, compareValues } from "./matchFilter.js"
