/**
 * One handler per DWN message type, as dwn-sdk-js's {@code handlers/}: each validates, authenticates,
 * authorizes and then stores or answers, and turns every rejection into a reply with the SDK's status.
 */
package io.cairn.dwn.handler;
