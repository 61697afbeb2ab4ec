/**
 * The Decentralized Web Node: DID-signed Records, Protocols and Messages interfaces, wire-compatible
 * with {@code @tbd54566975/dwn-sdk-js} 0.5.2. Depends only on the multiformats module; record data is
 * kept behind the {@code DataStore} interface, which the storage module implements on the IPFS blockstore.
 */
package io.cairn.dwn;
