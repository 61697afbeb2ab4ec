/** Walking DAGs across codecs: links of a block and depth-first traversal. */
package io.cairn.ipfs.dag;
