package io.cairn.dwn.jose;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.did.DidResolutionResult;
import io.cairn.dwn.did.DidResolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies every signature of a General JWS as the SDK's {@code GeneralJwsVerifier}: resolve the DID of
 * each {@code kid}, take the first verification method whose id the {@code kid} ends with, check it
 * against the JwkVerificationMethod schema, verify; any invalid signature rejects the whole JWS. Results
 * are cached per (protected, payload, signature) for 10 minutes, 100 000 entries, as the SDK's
 * {@code MemoryCache(600)}; a cached failure is rejected without resolving the DID again.
 */
public final class GeneralJwsVerifier {
    public static final String INVALID_SIGNATURE = "GeneralJwsVerifierInvalidSignature";
    public static final String PUBLIC_KEY_NOT_FOUND = "GeneralJwsVerifierGetPublicKeyNotFound";

    private static final GeneralJwsVerifier SHARED = new GeneralJwsVerifier();

    private final Cache<String, Boolean> cache;

    public GeneralJwsVerifier() {
        this(Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(600)).build());
    }

    public GeneralJwsVerifier(Cache<String, Boolean> cache) {
        this.cache = cache;
    }

    /** The process-wide verifier (the SDK's singleton), sharing one cache. */
    public static GeneralJwsVerifier shared() {
        return SHARED;
    }

    /** The signer DIDs of a General JWS, in signature order, using the shared cache. */
    public static List<String> verifySignatures(JsonNode jws, DidResolver didResolver) {
        return SHARED.verify(jws, didResolver);
    }

    /**
     * @return the DID of each signer, in signature order
     * @throws DwnError GeneralJwsVerifierInvalidSignature, GeneralJwsVerifierGetPublicKeyNotFound, a schema or
     *                  key-type error, or a uncoded {@link io.cairn.dwn.DwnError} where the SDK fails with a plain Error
     */
    public List<String> verify(JsonNode jws, DidResolver didResolver) {
        List<String> signers = new ArrayList<>();
        String payload = Jws.jsString(jws.get("payload"));
        JsonNode signatures = jws.get("signatures");
        if (signatures == null || !signatures.isArray()) throw DwnError.uncoded("jws.signatures is not iterable");
        for (JsonNode entry : signatures) {
            JsonNode kid = Jws.getKid(entry);
            String cacheKey = Jws.jsString(entry.get("protected")) + "." + payload + "." + Jws.jsString(entry.get("signature"));
            Boolean verified = cache.getIfPresent(cacheKey);
            if (verified == null) {
                PublicJwk publicJwk = getPublicKey(kid, didResolver);
                verified = Jws.verifySignature(payload, entry, publicJwk);
                cache.put(cacheKey, verified);
            }
            String did = Jws.extractDid(kid);
            if (!verified) throw new DwnError(INVALID_SIGNATURE, "Signature verification failed for " + did);
            signers.add(did);
        }
        return signers;
    }

    /** The public key of the verification method a fully qualified {@code kid} names. */
    public static PublicJwk getPublicKey(JsonNode kid, DidResolver didResolver) {
        String did = Jws.extractDid(kid);
        String kidText = kid.textValue();
        DidResolutionResult result = didResolver.resolve(did);
        JsonNode document = result.didDocument();
        JsonNode methods = document == null || !document.isObject() ? null : document.get("verificationMethod");
        JsonNode found = null;
        if (methods != null) {
            if (methods.isNull() || !(methods.isArray() || methods.isTextual())) {
                throw DwnError.uncoded("verificationMethods is not iterable");
            }
            for (JsonNode method : iterate(methods)) {
                if (method.isNull()) throw DwnError.uncoded("Cannot read properties of null (reading 'id')");
                if (kidText.endsWith(JsValues.toJsString(method.isObject() ? method.get("id") : null))) {
                    found = method;
                    break;
                }
            }
        }
        if (found == null) {
            throw new DwnError(PUBLIC_KEY_NOT_FOUND, "public key needed to verify signature not found in DID Document");
        }
        JwkVerificationMethodSchema.validate(found);
        return PublicJwk.fromJson(found.get("publicKeyJwk"));
    }

    /** {@code for…of} over an array, or over the characters of a string (JavaScript iterates those too). */
    private static Iterable<JsonNode> iterate(JsonNode methods) {
        if (methods.isArray()) return methods;
        List<JsonNode> chars = new ArrayList<>();
        methods.textValue().codePoints().forEach(cp -> chars.add(JsJson.MAPPER.getNodeFactory().textNode(Character.toString(cp))));
        return chars;
    }
}
