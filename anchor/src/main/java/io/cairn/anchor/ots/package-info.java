/** OpenTimestamps: the operations and the detached {@code .ots} file format, for exporting proofs. */
package io.cairn.anchor.ots;
