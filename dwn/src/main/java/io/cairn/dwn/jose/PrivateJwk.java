package io.cairn.dwn.jose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A private JWK: the public members plus the private scalar {@code d} (base64url). Never logged. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"alg", "kty", "crv", "x", "y", "kid", "d"})
public record PrivateJwk(String alg, String kty, String crv, String x, String y, String kid, String d) {

    public static PrivateJwk of(PublicJwk publicJwk, String d) {
        return new PrivateJwk(publicJwk.alg(), publicJwk.kty(), publicJwk.crv(), publicJwk.x(), publicJwk.y(), publicJwk.kid(), d);
    }

    public static PrivateJwk fromJson(JsonNode jwk) {
        return of(PublicJwk.fromJson(jwk), PublicJwk.text(jwk, "d"));
    }

    public PublicJwk publicJwk() {
        return new PublicJwk(alg, kty, crv, x, y, kid);
    }

    public ObjectNode toJson() {
        return JsJson.MAPPER.valueToTree(this);
    }

    @Override
    public String toString() {
        return "PrivateJwk[" + kty + "/" + crv + ", x=" + x + "]";
    }
}
