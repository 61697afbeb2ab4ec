package io.cairn.dwn.jose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A public JSON Web Key of the kinds the DWN signs with: OKP/Ed25519, EC/secp256k1, EC/P-256. Members
 * the SDK leaves out are null and not written; {@code x}/{@code y} are base64url coordinates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"alg", "kty", "crv", "x", "y", "kid"})
public record PublicJwk(String alg, String kty, String crv, String x, String y, String kid) {

    public static PublicJwk okp(String alg, String crv, String x) {
        return new PublicJwk(alg, "OKP", crv, x, null, null);
    }

    public static PublicJwk ec(String alg, String crv, String x, String y) {
        return new PublicJwk(alg, "EC", crv, x, y, null);
    }

    /** Reads the string members of a JWK object (a verification method's {@code publicKeyJwk}); others are ignored. */
    public static PublicJwk fromJson(JsonNode jwk) {
        return new PublicJwk(text(jwk, "alg"), text(jwk, "kty"), text(jwk, "crv"), text(jwk, "x"), text(jwk, "y"), text(jwk, "kid"));
    }

    public ObjectNode toJson() {
        return JsJson.MAPPER.valueToTree(this);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
