/** Block storage: the {@link io.cairn.ipfs.block.Blockstore} interface and its embedded implementations. */
package io.cairn.ipfs.block;
