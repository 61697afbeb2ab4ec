/**
 * The unified storage interface: wires the DWN to the IPFS blockstore (record data as UnixFS) and to
 * the anchor queue.
 */
package io.cairn.storage;
