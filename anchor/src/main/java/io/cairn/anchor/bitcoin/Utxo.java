package io.cairn.anchor.bitcoin;

/** A spendable output: where it is, how much it holds, and its locking script. */
public record Utxo(String txid, int index, long valueSats, byte[] scriptPubKey) {}
