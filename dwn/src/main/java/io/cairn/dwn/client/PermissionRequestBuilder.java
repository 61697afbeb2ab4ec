package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/** A permission request as dwn-sdk-js's {@code PermissionsProtocol.createRequest} (protocol path {@code request}). */
public final class PermissionRequestBuilder {
    private final ObjectNode scope;
    private final boolean delegated;
    private String dateRequested;
    private String description;
    private ObjectNode conditions;

    public PermissionRequestBuilder(ObjectNode scope, boolean delegated) {
        this.scope = scope.deepCopy();
        this.delegated = delegated;
    }

    public PermissionRequestBuilder dateRequested(String dateRequested) {
        this.dateRequested = dateRequested;
        return this;
    }

    public PermissionRequestBuilder description(String description) {
        this.description = description;
        return this;
    }

    public PermissionRequestBuilder conditions(ObjectNode conditions) {
        this.conditions = conditions.deepCopy();
        return this;
    }

    public SignedRecord sign(Signer requester) {
        PermissionScopes.requireProtocolForRecords(scope, "PermissionsProtocolCreateRequestRecordsScopeMissingProtocol",
                "Permission request for Records must have a scope with a `protocol` property");
        ObjectNode normalized = PermissionScopes.normalize(scope);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (description != null) data.put("description", description);
        data.put("delegated", delegated);
        data.set("scope", normalized);
        if (conditions != null) data.set("conditions", conditions);
        byte[] bytes = PermissionScopes.bytes(data);

        RecordsWriteBuilder write = new RecordsWriteBuilder().data(bytes).dataFormat("application/json")
                .protocol(PermissionScopes.URI, "request");
        if (dateRequested != null) write.messageTimestamp(dateRequested);
        ObjectNode tags = PermissionScopes.protocolTag(normalized);
        if (tags != null) write.tags(tags);
        return new SignedRecord(write.sign(requester), bytes);
    }
}
