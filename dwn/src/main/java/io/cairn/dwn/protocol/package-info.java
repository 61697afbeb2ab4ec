/**
 * Protocols: ProtocolsConfigure and ProtocolsQuery, the definition rules of dwn-sdk-js 0.5.2, protocol-based
 * authorization of Records messages, and the permissions protocol (grants, requests, revocations) with the
 * grant-based authorization of Records, Protocols and Messages messages.
 */
package io.cairn.dwn.protocol;
