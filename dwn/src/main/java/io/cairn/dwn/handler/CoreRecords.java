package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The extra processing the SDK gives RecordsWrites of its built-in permissions protocol (grant, request
 * and revocation data schemas; a revocation's protocol tag; deleting what a revoked grant authorized);
 * the protocols module implements it. {@link #NONE} leaves such writes to the ordinary rules.
 */
public interface CoreRecords {
    /** Before storing: e.g. a revocation's protocol tag must match the grant's protocol. */
    void beforeStore(String tenant, ObjectNode recordsWrite);

    /** The data of a core write, once read (inline data only, as in the SDK). */
    void validateData(ObjectNode recordsWrite, byte[] data);

    /** After storing. */
    void afterStore(String tenant, ObjectNode recordsWrite);

    CoreRecords NONE = new CoreRecords() {
        @Override
        public void beforeStore(String tenant, ObjectNode recordsWrite) {}

        @Override
        public void validateData(ObjectNode recordsWrite, byte[] data) {}

        @Override
        public void afterStore(String tenant, ObjectNode recordsWrite) {}
    };
}
