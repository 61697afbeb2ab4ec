package io.cairn.dwn.protocol.tags;

/** Ajv's first validation error: where in the data ({@code instancePath}) and what. */
public record TagSchemaError(String instancePath, String message) {
    /** Ajv's {@code errorsText} with a {@code dataVar} prefix. */
    public String text(String dataVar) {
        return dataVar + instancePath + " " + message;
    }
}
