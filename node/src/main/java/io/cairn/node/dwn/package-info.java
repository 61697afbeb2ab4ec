/**
 * The DWN's network face, wire-compatible with dwn-server 0.6.1: JSON-RPC 2.0 {@code dwn.processMessage}
 * over HTTP ({@code POST /} with the request in the {@code dwn-request} header and record data as the
 * body, RecordsRead data streamed back with the reply in {@code dwn-response}) and over WebSocket
 * (Subscribe messages whose events come back as JSON-RPC responses carrying the subscription's id),
 * {@code GET /info}, CORS, and Cairn's limits (data size, stalled bodies, subscriptions, tenants).
 * Everything here talks to the DWN through {@link io.cairn.dwn.MessageProcessor}.
 */
package io.cairn.node.dwn;
