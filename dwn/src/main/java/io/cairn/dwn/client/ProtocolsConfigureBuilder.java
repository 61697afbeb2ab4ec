package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.protocol.ProtocolUrls;
import java.util.Map;

/**
 * A ProtocolsConfigure as dwn-sdk-js's {@code ProtocolsConfigure.create}: the definition with its protocol
 * and type schema URLs normalized. The DWN checks the definition's rules when it processes the message.
 */
public final class ProtocolsConfigureBuilder extends MessageBuilder<ProtocolsConfigureBuilder> {
    private final ObjectNode definition;

    public ProtocolsConfigureBuilder(ObjectNode definition) {
        this.definition = definition.deepCopy();
    }

    @Override
    public ObjectNode sign(Signer signer) {
        ObjectNode normalized = definition.deepCopy();
        normalized.put("protocol", ProtocolUrls.normalize(definition.path("protocol").asText()));
        JsonNode types = normalized.get("types");
        if (types instanceof ObjectNode typeMap) {
            for (Map.Entry<String, JsonNode> type : typeMap.properties()) {
                if (type.getValue() instanceof ObjectNode t && t.hasNonNull("schema")) {
                    t.put("schema", ProtocolUrls.normalize(t.get("schema").asText()));
                }
            }
        }
        ObjectNode descriptor = descriptor("Protocols", "Configure");
        descriptor.put("messageTimestamp", timestampOrNow());
        descriptor.set("definition", normalized);
        return message(descriptor, Authorizations.create(descriptor, signer, delegatedGrant, permissionGrantId, null));
    }
}
