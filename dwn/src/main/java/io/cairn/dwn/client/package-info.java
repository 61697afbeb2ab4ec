/**
 * The Java client library: builders that create and sign every DWN message type as dwn-sdk-js 0.5.2's
 * {@code create} methods do (same descriptors, same signature payloads, so the same bytes for the same
 * inputs and key), for an application that talks to a DWN without the JS SDK.
 */
package io.cairn.dwn.client;
