/**
 * The DWN's store contracts, mirroring dwn-sdk-js's MessageStore, DataStore, EventLog and
 * ResumableTaskStore; implementations are persistent (RocksDB, and the IPFS blockstore for data).
 */
package io.cairn.dwn.store;
