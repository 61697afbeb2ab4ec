/**
 * The {@code $tags} rules of a protocol rule set, evaluated as dwn-sdk-js 0.5.2 evaluates them with Ajv 8
 * (draft 2020-12, strict mode, first error only): the same keyword order and the same error texts, for the
 * keywords a tag schema may use.
 */
package io.cairn.dwn.protocol.tags;
