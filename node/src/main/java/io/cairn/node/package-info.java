/** The node: wiring of repo, HTTP server and metrics ({@link io.cairn.node.CairnNode}), config and CLI. */
package io.cairn.node;
