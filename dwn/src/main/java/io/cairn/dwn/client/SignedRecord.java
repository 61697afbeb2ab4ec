package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A signed RecordsWrite and the data it commits to ({@code dataCid}), to send together. */
public record SignedRecord(ObjectNode message, byte[] data) {
    /** The record ID, which is also a permission grant's ID. */
    public String recordId() {
        return message.get("recordId").asText();
    }
}
