/** The node's HTTP server (Netty): the IPFS gateway, /health and /metrics; errors as JSON. */
package io.cairn.node.http;
