package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;

/**
 * A revocation as dwn-sdk-js's {@code PermissionsProtocol.createRevocation}: a child record
 * ({@code grant/revocation}) of the grant, tagged with the grant's protocol when it has one. As in the SDK,
 * it is timestamped now (the SDK's {@code dateRevoked} option is not used either).
 */
public final class PermissionRevocationBuilder {
    private final String grantId;
    private final ObjectNode grantScope;
    private String description;

    /** {@code grantId}: the grant's record ID; {@code grantScope}: the {@code scope} of its data. */
    public PermissionRevocationBuilder(String grantId, ObjectNode grantScope) {
        this.grantId = grantId;
        this.grantScope = grantScope.deepCopy();
    }

    public PermissionRevocationBuilder description(String description) {
        this.description = description;
        return this;
    }

    public SignedRecord sign(Signer grantor) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (description != null) data.put("description", description);
        byte[] bytes = PermissionScopes.bytes(data);
        RecordsWriteBuilder write = new RecordsWriteBuilder().data(bytes).dataFormat("application/json")
                .protocol(PermissionScopes.URI, "grant/revocation").parentContextId(grantId);
        ObjectNode tags = PermissionScopes.protocolTag(grantScope);
        if (tags != null) write.tags(tags);
        return new SignedRecord(write.sign(grantor), bytes);
    }
}
