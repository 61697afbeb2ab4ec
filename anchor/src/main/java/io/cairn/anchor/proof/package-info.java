/** Anchor proofs: the OP_RETURN payload, a transaction's branch in its block, and the full offline-verifiable proof. */
package io.cairn.anchor.proof;
