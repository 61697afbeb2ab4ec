/**
 * The node: {@link io.cairn.node.CairnNode} wires the repo, the HTTP server and the metrics from a
 * configuration, for {@code cairn serve} and for applications that embed a node; the configuration,
 * HTTP and CLI live in the sub-packages.
 */
package io.cairn.node;
