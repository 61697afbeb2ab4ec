/** Domain-separated SHA-256 Merkle trees over anchor batches, and their inclusion paths. */
package io.cairn.anchor.merkle;
