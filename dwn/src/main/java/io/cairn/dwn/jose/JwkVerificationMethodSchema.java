package io.cairn.dwn.jose;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.did.Did;
import io.cairn.dwn.protocol.JsObjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SDK's {@code validateJsonSchema('JwkVerificationMethod', method)}: the jwk-verification-method and
 * public-jwk schemas, reporting the first error in the order AJV's precompiled validator finds it and
 * with the SDK's message format, because it becomes the reply detail.
 */
public final class JwkVerificationMethodSchema {
    private static final String SCHEMA_NAME = "JwkVerificationMethod";
    private static final Set<String> PROPERTIES = Set.of("id", "type", "controller", "publicKeyJwk");
    private static final String DID_PATTERN = "^did:([a-z0-9]+):((?:(?:[a-zA-Z0-9._-]|(?:%[0-9a-fA-F]{2}))*:)*((?:[a-zA-Z0-9._-]|(?:%[0-9a-fA-F]{2}))+))"
            + "((;[a-zA-Z0-9_.:%-]+=[a-zA-Z0-9_.:%-]*)*)(/[^#?]*)?([?][^#]*)?(#.*)?$";

    private JwkVerificationMethodSchema() {
    }

    private record Failure(String instancePath, String message, String additionalProperty) {
    }

    /** @throws DwnError SchemaValidatorFailure / SchemaValidatorAdditionalPropertyNotAllowed, as the SDK words them */
    public static void validate(JsonNode method) {
        Failure failure = firstError(method);
        if (failure == null) return;
        String path = failure.instancePath().isEmpty() ? SCHEMA_NAME : failure.instancePath();
        if (failure.additionalProperty() != null) {
            throw new DwnError("SchemaValidatorAdditionalPropertyNotAllowed", failure.message() + ": " + path + ": " + failure.additionalProperty());
        }
        throw new DwnError("SchemaValidatorFailure", path + ": " + failure.message());
    }

    private static Failure firstError(JsonNode data) {
        if (data == null || !data.isObject()) return new Failure("", "must be object", null);
        for (String required : new String[] {"id", "type", "controller", "publicKeyJwk"}) {
            if (!data.has(required)) return new Failure("", "must have required property '" + required + "'", null);
        }
        for (String key : JsObjects.keys(data)) {
            if (!PROPERTIES.contains(key)) return new Failure("", "must NOT have additional properties", key);
        }
        if (!data.get("id").isTextual()) return new Failure("/id", "must be string", null);
        JsonNode type = data.get("type");
        if (!type.isTextual() || !(type.textValue().equals("JsonWebKey") || type.textValue().equals("JsonWebKey2020"))) {
            return new Failure("/type", "must be equal to one of the allowed values", null);
        }
        JsonNode controller = data.get("controller");
        if (!controller.isTextual()) return new Failure("/controller", "must be string", null);
        if (!Did.matchesDwnDidPattern(controller.textValue())) {
            return new Failure("/controller", "must match pattern \"" + DID_PATTERN + "\"", null);
        }
        return publicJwkError("/publicKeyJwk", data.get("publicKeyJwk"));
    }

    /** public-jwk.json: general-jwk.json's oneOf, then its own keywords, then "not a private key". */
    private static Failure publicJwkError(String at, JsonNode data) {
        List<Failure> errors = new ArrayList<>();
        boolean valid = false;
        boolean ambiguous = false;
        for (int branch = 0; branch < 4; branch++) {
            Failure failure = oneOfBranchError(branch, at, data);
            if (failure != null) {
                errors.add(failure);
                continue;
            }
            if (valid) {
                ambiguous = true;
                break;
            }
            valid = true;
        }
        if (!valid || ambiguous) {
            errors.add(new Failure(at, "must match exactly one schema in oneOf", null));
            return errors.get(0);
        }
        if (!data.has("kty")) return new Failure(at, "must have required property 'kty'", null);
        for (String name : new String[] {"alg", "kid"}) {
            if (data.has(name) && !data.get(name).isTextual()) return new Failure(at + "/" + name, "must be string", null);
        }
        JsonNode kty = data.get("kty");
        if (!kty.isTextual() || !Set.of("EC", "RSA", "oct", "OKP").contains(kty.textValue())) {
            return new Failure(at + "/kty", "must be equal to one of the allowed values", null);
        }
        for (String name : new String[] {"crv", "use", "key_ops", "x5u", "x5c", "x5t", "x5t#S256"}) {
            if (data.has(name) && !data.get(name).isTextual()) return new Failure(at + "/" + name, "must be string", null);
        }
        if (isPrivate(data)) return new Failure(at, "must NOT be valid", null);
        return null;
    }

    private static Failure oneOfBranchError(int branch, String at, JsonNode data) {
        if (data == null || !data.isObject()) return null; // these subschemas have no "type"
        String[] required = switch (branch) {
            case 0, 1 -> new String[] {"crv", "x"};
            case 2 -> new String[] {"n", "e"};
            default -> new String[] {"k"};
        };
        for (String name : required) {
            if (!data.has(name)) return new Failure(at, "must have required property '" + name + "'", null);
        }
        String ktyConst = switch (branch) {
            case 0 -> "EC";
            case 1 -> "OKP";
            case 2 -> "RSA";
            default -> "oct";
        };
        if (data.has("kty") && !(data.get("kty").isTextual() && data.get("kty").textValue().equals(ktyConst))) {
            return new Failure(at + "/kty", "must be equal to constant", null);
        }
        String[] strings = switch (branch) {
            case 0 -> new String[] {"crv", "x", "y", "d"};
            case 1 -> new String[] {"crv", "x", "d"};
            case 2 -> new String[] {"n", "e", "d", "p", "q", "dp", "dq", "qi"};
            default -> new String[] {"k"};
        };
        for (String name : strings) {
            if (data.has(name) && !data.get(name).isTextual()) return new Failure(at + "/" + name, "must be string", null);
        }
        if (branch == 2 && data.has("oth") && !data.get("oth").isObject()) return new Failure(at + "/oth", "must be object", null);
        return null;
    }

    private static boolean isPrivate(JsonNode data) {
        JsonNode kty = data.get("kty");
        boolean ec = kty == null || (kty.isTextual() && kty.textValue().equals("EC"));
        boolean okp = kty == null || (kty.isTextual() && kty.textValue().equals("OKP"));
        boolean rsa = kty == null || (kty.isTextual() && kty.textValue().equals("RSA"));
        if ((ec || okp) && data.has("d")) return true;
        if (!rsa || (data.has("oth") && !data.get("oth").isObject())) return false;
        for (String name : new String[] {"d", "p", "q", "dp", "dq", "qi", "oth"}) {
            if (data.has(name)) return true;
        }
        return false;
    }
}
