export { runStoreContract, type StoreContractTarget } from "./contract.js"
export { RawReader } from "./RawReader.js"
export * from "./rows.js"
