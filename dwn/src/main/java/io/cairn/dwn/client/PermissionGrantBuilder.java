package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/**
 * A permission grant as dwn-sdk-js's {@code PermissionsProtocol.createGrant}: a RecordsWrite of the
 * permissions protocol ({@code grant}) to the grantee, whose JSON data holds the expiry, the scope
 * (interface, method, and protocol when scoped, also written as the {@code protocol} tag) and conditions.
 */
public final class PermissionGrantBuilder {
    private final String grantedTo;
    private final String dateExpires;
    private final ObjectNode scope;
    private String dateGranted;
    private String requestId;
    private String description;
    private Boolean delegated;
    private ObjectNode conditions;

    /** {@code scope}: {@code {interface, method, protocol?, …}}; a Records scope must name a protocol. */
    public PermissionGrantBuilder(String grantedTo, String dateExpires, ObjectNode scope) {
        this.grantedTo = grantedTo;
        this.dateExpires = dateExpires;
        this.scope = scope.deepCopy();
    }

    public PermissionGrantBuilder dateGranted(String dateGranted) {
        this.dateGranted = dateGranted;
        return this;
    }

    public PermissionGrantBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public PermissionGrantBuilder description(String description) {
        this.description = description;
        return this;
    }

    /** A delegated grant lets the grantee sign as the grantor (author-delegated messages). */
    public PermissionGrantBuilder delegated(boolean delegated) {
        this.delegated = delegated;
        return this;
    }

    /** {@code {publication: "Required" | "Prohibited"}}. */
    public PermissionGrantBuilder conditions(ObjectNode conditions) {
        this.conditions = conditions.deepCopy();
        return this;
    }

    public SignedRecord sign(Signer grantor) {
        PermissionScopes.requireProtocolForRecords(scope, "PermissionsProtocolCreateGrantRecordsScopeMissingProtocol",
                "Permission grants for Records must have a scope with a `protocol` property");
        ObjectNode normalized = PermissionScopes.normalize(scope);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("dateExpires", dateExpires);
        if (requestId != null) data.put("requestId", requestId);
        if (description != null) data.put("description", description);
        if (delegated != null) data.put("delegated", delegated);
        data.set("scope", normalized);
        if (conditions != null) data.set("conditions", conditions);
        byte[] bytes = PermissionScopes.bytes(data);

        RecordsWriteBuilder write = new RecordsWriteBuilder().data(bytes).dataFormat("application/json")
                .protocol(PermissionScopes.URI, "grant").recipient(grantedTo);
        if (dateGranted != null) write.messageTimestamp(dateGranted).dateCreated(dateGranted);
        ObjectNode tags = PermissionScopes.protocolTag(normalized);
        if (tags != null) write.tags(tags);
        return new SignedRecord(write.sign(grantor), bytes);
    }
}
