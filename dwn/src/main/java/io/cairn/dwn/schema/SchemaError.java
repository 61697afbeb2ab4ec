package io.cairn.dwn.schema;

/**
 * One validation error as Ajv reports it: where in the instance ({@code instancePath}, a JSON pointer,
 * empty for the root), which keyword failed, Ajv's English message, and for additional or unevaluated
 * properties the offending property name ({@code property}, else null).
 */
public record SchemaError(String instancePath, String keyword, String message, String property) {}
