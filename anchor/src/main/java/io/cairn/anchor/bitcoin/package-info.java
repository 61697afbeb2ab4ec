/**
 * Talking to Bitcoin: {@link io.cairn.anchor.bitcoin.ChainBackend} and its Core JSON-RPC and Esplora
 * implementations, the anchoring wallet and its key, building and signing anchor transactions with
 * bitcoinj, and the {@link io.cairn.anchor.bitcoin.AnchorService} that drives batches to FINAL.
 */
package io.cairn.anchor.bitcoin;
