package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.GeneralJwsBuilder;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.message.Cids;
import io.cairn.dwn.message.Messages;
import java.nio.charset.StandardCharsets;

/** dwn-sdk-js's {@code Message.createAuthorization} and {@code Message.createSignature}. */
final class Authorizations {
    private Authorizations() {}

    /**
     * {@code {signature, authorDelegatedGrant?}} for a descriptor; null extras are left out of the payload.
     * Null without a signer (an anonymous read or query).
     */
    static ObjectNode create(ObjectNode descriptor, Signer signer, ObjectNode delegatedGrant, String permissionGrantId, String protocolRole) {
        if (signer == null) return null;
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("descriptorCid", Cids.computeCid(descriptor));
        if (delegatedGrant != null) payload.put("delegatedGrantId", Messages.cid(delegatedGrant));
        if (permissionGrantId != null) payload.put("permissionGrantId", permissionGrantId);
        if (protocolRole != null) payload.put("protocolRole", protocolRole);
        ObjectNode authorization = JsonNodeFactory.instance.objectNode();
        authorization.set("signature", sign(payload, signer));
        if (delegatedGrant != null) authorization.set("authorDelegatedGrant", delegatedGrant);
        return authorization;
    }

    /** A General JWS over the payload as {@code JSON.stringify} writes it. */
    static ObjectNode sign(ObjectNode payload, Signer... signers) {
        return GeneralJwsBuilder.create(payload.toString().getBytes(StandardCharsets.UTF_8), signers).getJws();
    }

    /** The signature payload's generic form, {@code {descriptorCid}} (owner signatures, attestations). */
    static ObjectNode descriptorCidPayload(ObjectNode descriptor) {
        return JsonNodeFactory.instance.objectNode().put("descriptorCid", Cids.computeCid(descriptor));
    }
}
