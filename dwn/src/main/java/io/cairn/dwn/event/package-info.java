/**
 * Live events for Subscribe messages (dwn-sdk-js's {@code EventStream}): handlers that store a message emit
 * it with its indexes; each subscription's listener filters the events of its tenant.
 */
package io.cairn.dwn.event;
