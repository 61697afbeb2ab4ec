/** Talking to Bitcoin: the Core JSON-RPC back end, and building anchor transactions with bitcoinj. */
package io.cairn.anchor.bitcoin;
