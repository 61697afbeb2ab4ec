/** The durable anchor queue: digests waiting for a batch, closed batches and their states. */
package io.cairn.anchor.queue;
