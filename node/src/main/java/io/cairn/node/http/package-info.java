/**
 * The node's one HTTP server (Netty 4.2): {@link io.cairn.node.http.HttpServer} reads requests, runs
 * each {@link io.cairn.node.http.HttpRoute} on a virtual thread and streams both bodies with
 * back-pressure; a {@link io.cairn.node.http.Router} maps paths to routes (the IPFS path/trustless
 * gateway, {@code /health}, {@code /metrics}; the DWN JSON-RPC {@code POST /} joins as one more route);
 * {@link io.cairn.node.http.HttpError} is the one place where errors become a status and a JSON body.
 */
package io.cairn.node.http;
