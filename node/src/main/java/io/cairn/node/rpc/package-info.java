/**
 * The subset of Kubo's RPC API ({@code POST /api/v0/…}) the node serves, in Kubo's wire format:
 * {@link io.cairn.node.rpc.KuboRpcRoute} dispatches commands and writes Kubo's errors;
 * {@link io.cairn.node.rpc.RpcArgs} reads the query as Kubo's command parser does; one class per
 * command group (add, cat, pin, block, dag, repo). Kubo's clients (kubo-rpc-client, the {@code cairn}
 * CLI while a node holds the repo) use it unchanged.
 */
package io.cairn.node.rpc;
