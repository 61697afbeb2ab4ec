package io.cairn.dwn.jose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds a General JWS ({@code {payload, signatures: [{protected, signature}]}}) exactly as the SDK's
 * {@code GeneralJwsBuilder}: the protected header is {@code {"kid":…,"alg":…}} in that order, and each
 * signature covers {@code protected + "." + payload}.
 */
public final class GeneralJwsBuilder {
    private final ObjectNode jws;
    private final ArrayNode signatures;
    private final String payload;

    private GeneralJwsBuilder(byte[] payload) {
        this.payload = Base64Url.encode(payload);
        this.jws = JsJson.MAPPER.createObjectNode();
        jws.put("payload", this.payload);
        this.signatures = jws.putArray("signatures");
    }

    public static GeneralJwsBuilder create(byte[] payload, List<? extends Signer> signers) {
        GeneralJwsBuilder builder = new GeneralJwsBuilder(payload);
        for (Signer signer : signers) builder.addSignature(signer);
        return builder;
    }

    public static GeneralJwsBuilder create(byte[] payload, Signer... signers) {
        return create(payload, List.of(signers));
    }

    public GeneralJwsBuilder addSignature(Signer signer) {
        ObjectNode header = JsJson.MAPPER.createObjectNode();
        header.put("kid", signer.keyId());
        header.put("alg", signer.algorithm());
        String protectedHeader = Base64Url.encodeString(header.toString());
        byte[] signature = signer.sign((protectedHeader + "." + payload).getBytes(StandardCharsets.UTF_8));
        ObjectNode entry = signatures.addObject();
        entry.put("protected", protectedHeader);
        entry.put("signature", Base64Url.encode(signature));
        return this;
    }

    /** The JWS built so far (the live node: copy it before changing it). */
    public ObjectNode getJws() {
        return jws;
    }
}
