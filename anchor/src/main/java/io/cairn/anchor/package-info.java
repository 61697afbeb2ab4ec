/**
 * Bitcoin anchoring: digests are queued durably, closed into Merkle batches whose roots go into
 * OP_RETURN outputs, and proven with inclusion paths exportable as OpenTimestamps files.
 */
package io.cairn.anchor;
