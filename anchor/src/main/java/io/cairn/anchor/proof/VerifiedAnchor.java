package io.cairn.anchor.proof;

import io.cairn.anchor.Digest;

/** What a verified proof establishes: this digest existed when this block (hash, height, header time) was mined. */
public record VerifiedAnchor(Digest digest, long height, String blockHash, long blockTime) {}
