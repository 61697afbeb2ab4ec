package io.cairn.dwn.did;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JsJson;
import io.cairn.dwn.jose.PublicJwk;

/**
 * did:jwk as @web5/dids' {@code DidJwk}: the method-specific ID is base64url(JSON of the public JWK),
 * the document has one JsonWebKey method {@code #0}, its relationships trimmed by the key's {@code use}.
 * Whatever JSON the ID decodes to is taken as the key, as the SDK does; the DWN's schema check rejects
 * a malformed one later.
 */
public final class DidJwk implements DidMethodResolver {
    public static final DidJwk INSTANCE = new DidJwk();

    private DidJwk() {
    }

    @Override
    public String methodName() {
        return "jwk";
    }

    /** The did:jwk of a public key (its JSON members in the order given). */
    public static String fromJwk(PublicJwk publicJwk) {
        return "did:jwk:" + Base64Url.encodeString(publicJwk.toJson().toString());
    }

    @Override
    public DidResolutionResult resolve(String didUri) {
        Did parsed = Did.parse(didUri);
        JsonNode publicKey = null;
        if (parsed != null) {
            try {
                publicKey = JsJson.parse(Base64Url.decode(parsed.id()));
            } catch (RuntimeException e) {
                // an undecodable ID is reported as invalidDid below
            }
        }
        if (parsed == null || publicKey == null || isFalsy(publicKey)) return DidResolutionResult.error("invalidDid", null);
        if (!parsed.method().equals("jwk")) return DidResolutionResult.error("methodNotSupported", null);

        String keyUri = parsed.uri() + "#0";
        ObjectNode document = JsJson.MAPPER.createObjectNode();
        document.putArray("@context").add("https://www.w3.org/ns/did/v1");
        document.put("id", parsed.uri());
        ObjectNode method = ((ArrayNode) document.putArray("verificationMethod")).addObject();
        method.put("id", keyUri);
        method.put("type", "JsonWebKey");
        method.put("controller", parsed.uri());
        method.set("publicKeyJwk", publicKey);
        JsonNode use = publicKey.isObject() ? publicKey.get("use") : null;
        String useText = use != null && use.isTextual() ? use.textValue() : null;
        for (String relationship : new String[] {"authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation"}) {
            if (!"enc".equals(useText)) document.putArray(relationship).add(keyUri);
        }
        if (!"sig".equals(useText)) document.putArray("keyAgreement").add(keyUri);
        return DidResolutionResult.of(document);
    }

    /** JavaScript falsiness of a parsed JSON value. */
    private static boolean isFalsy(JsonNode value) {
        if (value.isNull()) return true;
        if (value.isBoolean()) return !value.booleanValue();
        if (value.isNumber()) return value.doubleValue() == 0;
        if (value.isTextual()) return value.textValue().isEmpty();
        return false;
    }
}
