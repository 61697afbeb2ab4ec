package io.cairn.dwn.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.did.DidJwk;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.did.DidResolver;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.interop.CryptoPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * General JWS signing and verification against dwn-sdk-js 0.5.2 in the same run: the SDK signs and Cairn
 * verifies, Cairn signs and the SDK verifies (byte-identical JWSs, the schemes being deterministic), and
 * tampered payloads, signatures and headers are rejected by both with the same detail.
 */
class JwsInteropTest {
    private static final String[] IDENTITIES = {"key:Ed25519", "key:secp256k1", "jwk:Ed25519", "jwk:secp256k1", "jwk:secp256r1"};

    private static CryptoPeer sdk;
    private static final Map<String, Identity> identities = new LinkedHashMap<>();
    private final DidResolver resolver = new UniversalResolver(List.of(DidKey.INSTANCE, DidJwk.INSTANCE));
    private final GeneralJwsVerifier verifier = new GeneralJwsVerifier();

    record Identity(String did, String keyId, ObjectNode privateJwk) {
        ObjectNode signerJson() {
            ObjectNode signer = JsJson.MAPPER.createObjectNode();
            signer.set("privateJwk", privateJwk);
            signer.put("keyId", keyId);
            return signer;
        }

        Signer signer() {
            return new PrivateKeySigner(PrivateJwk.fromJson(privateJwk), keyId);
        }
    }

    @BeforeAll
    static void startSdk() {
        sdk = CryptoPeer.start();
        for (String name : IDENTITIES) {
            String[] methodAndAlgorithm = name.split(":");
            JsonNode did = sdk.createDid(methodAndAlgorithm[0], methodAndAlgorithm[1], null);
            identities.put(name, new Identity(did.get("uri").asText(), did.at("/document/verificationMethod/0/id").asText(),
                    (ObjectNode) did.at("/privateKeys/0")));
        }
    }

    @AfterAll
    static void stopSdk() {
        if (sdk != null) sdk.close();
    }

    private static byte[] payload(String marker) {
        return ("{\"descriptorCid\":\"bafy" + marker + "\",\"n\":" + marker.length() + "}").getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode sdkSign(byte[] payload, Identity... signers) {
        ArrayNode signerList = JsJson.MAPPER.createArrayNode();
        for (Identity identity : signers) signerList.add(identity.signerJson());
        return sdk.sign(Base64Url.encode(payload), signerList);
    }

    /** "signers:[…]" or "rejected:<detail>", from Cairn. */
    private String cairnVerdict(JsonNode jws) {
        try {
            return "signers:" + verifier.verify(jws, resolver);
        } catch (DwnError e) {
            return "rejected:" + e.detail();
        }
    }

    /** The same, from the SDK. */
    private String sdkVerdict(JsonNode jws) {
        JsonNode verdict = sdk.verify(jws, null);
        if (verdict.has("signers")) {
            List<String> signers = new ArrayList<>();
            verdict.get("signers").forEach(s -> signers.add(s.asText()));
            return "signers:" + signers;
        }
        return "rejected:" + verdict.get("rejected").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"key:Ed25519", "key:secp256k1", "jwk:Ed25519", "jwk:secp256k1", "jwk:secp256r1"})
    void sdkSignsAndCairnVerifies(String name) {
        Identity identity = identities.get(name);
        ObjectNode jws = sdkSign(payload(name), identity);
        assertThat(verifier.verify(jws, resolver)).containsExactly(identity.did());
    }

    @ParameterizedTest
    @ValueSource(strings = {"key:Ed25519", "key:secp256k1", "jwk:Ed25519", "jwk:secp256k1", "jwk:secp256r1"})
    void cairnSignsTheSameBytesAndTheSdkVerifies(String name) {
        Identity identity = identities.get(name);
        byte[] payload = payload("cairn-" + name);
        ObjectNode cairnJws = GeneralJwsBuilder.create(payload, identity.signer()).getJws();
        assertThat(cairnJws).isEqualTo(sdkSign(payload, identity));
        assertThat(sdkVerdict(cairnJws)).isEqualTo("signers:[" + identity.did() + "]");
        assertThat(cairnVerdict(cairnJws)).isEqualTo("signers:[" + identity.did() + "]");
    }

    @Test
    void severalSignersAreReturnedInSignatureOrder() {
        Identity ed = identities.get("key:Ed25519");
        Identity k1 = identities.get("jwk:secp256k1");
        Identity p256 = identities.get("jwk:secp256r1");
        byte[] payload = payload("three");
        ObjectNode sdkJws = sdkSign(payload, k1, ed, p256);
        ObjectNode cairnJws = GeneralJwsBuilder.create(payload, k1.signer(), ed.signer(), p256.signer()).getJws();
        assertThat(cairnJws).isEqualTo(sdkJws);
        assertThat(cairnVerdict(sdkJws)).isEqualTo(sdkVerdict(sdkJws)).isEqualTo("signers:[" + k1.did() + ", " + ed.did() + ", " + p256.did() + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"key:Ed25519", "key:secp256k1", "jwk:Ed25519", "jwk:secp256k1", "jwk:secp256r1"})
    void tamperedJwsAreRejectedWithTheSdksDetail(String name) {
        Identity identity = identities.get(name);
        Identity other = identities.get(name.equals("key:Ed25519") ? "key:secp256k1" : "key:Ed25519");
        ObjectNode original = sdkSign(payload("tamper-" + name), identity);
        String protectedHeader = original.at("/signatures/0/protected").asText();
        byte[] signature = Base64Url.decode(original.at("/signatures/0/signature").asText());

        Map<String, JsonNode> cases = new LinkedHashMap<>();
        cases.put("payload", withPayload(original, Base64Url.encode(payload("other"))));
        cases.put("payload not base64url", withPayload(original, "e30*"));
        for (int index : new int[] {0, 20, 31, 32, 45, 63}) {
            byte[] flipped = signature.clone();
            flipped[index] ^= 0x01;
            cases.put("signature bit at " + index, withSignature(original, Base64Url.encode(flipped)));
        }
        cases.put("signature high byte of s", withSignature(original, Base64Url.encode(setByte(signature, 63, 0xff))));
        cases.put("signature all zero", withSignature(original, Base64Url.encode(new byte[64])));
        cases.put("signature truncated", withSignature(original, Base64Url.encode(java.util.Arrays.copyOf(signature, 63))));
        cases.put("signature extended", withSignature(original, Base64Url.encode(java.util.Arrays.copyOf(signature, 65))));
        cases.put("signature empty", withSignature(original, ""));
        cases.put("signature not base64url", withSignature(original, "abc$"));
        cases.put("signature bad tail", withSignature(original, "abcde"));
        cases.put("kid of another DID", withHeader(original, "{\"kid\":\"" + other.keyId() + "\",\"alg\":\"EdDSA\"}"));
        cases.put("kid without fragment", withHeader(original, "{\"kid\":\"" + identity.did() + "\",\"alg\":\"EdDSA\"}"));
        cases.put("kid with unknown fragment", withHeader(original, "{\"kid\":\"" + identity.did() + "#nope\",\"alg\":\"EdDSA\"}"));
        cases.put("kid of a bad did:key", withHeader(original, "{\"kid\":\"did:key:z6MkBAD#z6MkBAD\",\"alg\":\"EdDSA\"}"));
        cases.put("kid of an unknown method", withHeader(original, "{\"kid\":\"did:example:123#key-1\",\"alg\":\"EdDSA\"}"));
        cases.put("kid not a DID", withHeader(original, "{\"kid\":\"alice#key\",\"alg\":\"EdDSA\"}"));
        cases.put("kid missing", withHeader(original, "{\"alg\":\"EdDSA\"}"));
        cases.put("kid a number", withHeader(original, "{\"kid\":42}"));
        cases.put("kid null", withHeader(original, "{\"kid\":null}"));
        cases.put("header null", withHeader(original, "null"));
        cases.put("header an array", withHeader(original, "[1,2]"));
        cases.put("header not JSON", withHeader(original, "{\"kid\":did:key}"));
        cases.put("header empty", withHeaderRaw(original, ""));
        cases.put("header not base64url", withHeaderRaw(original, "eyJ!"));
        cases.put("header of the original re-encoded with padding", withHeaderRaw(original, protectedHeader + "=="));
        cases.put("no signatures", withoutSignatures(original));

        for (Map.Entry<String, JsonNode> c : cases.entrySet()) {
            String expected = sdkVerdict(c.getValue());
            assertThat(cairnVerdict(c.getValue())).as(name + ": " + c.getKey()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"key:Ed25519", "key:secp256k1", "jwk:secp256r1"})
    void randomlyCorruptedSignaturesGetTheSdksVerdict(String name) {
        Identity identity = identities.get(name);
        ObjectNode original = sdkSign(payload("random-" + name), identity);
        byte[] signature = Base64Url.decode(original.at("/signatures/0/signature").asText());
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 40; i++) {
            byte[] corrupted = signature.clone();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) corrupted[random.nextInt(64)] = (byte) random.nextInt(256);
            JsonNode jws = withSignature(original, Base64Url.encode(corrupted));
            assertThat(cairnVerdict(jws)).as(name + " corruption " + i).isEqualTo(sdkVerdict(jws));
        }
    }

    @Test
    void aCachedFailureIsRejectedAgainWithoutResolving() {
        Identity identity = identities.get("key:Ed25519");
        ObjectNode jws = withPayload(sdkSign(payload("cache"), identity), Base64Url.encode(payload("changed")));
        int[] resolutions = {0};
        DidResolver counting = did -> {
            resolutions[0]++;
            return resolver.resolve(did);
        };
        String first = cairnVerdictWith(jws, counting);
        String second = cairnVerdictWith(jws, counting);
        assertThat(first).isEqualTo(second).isEqualTo("rejected:GeneralJwsVerifierInvalidSignature: Signature verification failed for " + identity.did());
        assertThat(resolutions[0]).isEqualTo(1);
    }

    private String cairnVerdictWith(JsonNode jws, DidResolver didResolver) {
        try {
            return "signers:" + verifier.verify(jws, didResolver);
        } catch (DwnError e) {
            return "rejected:" + e.detail();
        }
    }

    private static byte[] setByte(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static ObjectNode withPayload(ObjectNode jws, String payload) {
        ObjectNode copy = jws.deepCopy();
        copy.put("payload", payload);
        return copy;
    }

    private static ObjectNode withSignature(ObjectNode jws, String signature) {
        ObjectNode copy = jws.deepCopy();
        ((ObjectNode) copy.at("/signatures/0")).put("signature", signature);
        return copy;
    }

    private static ObjectNode withHeader(ObjectNode jws, String headerJson) {
        return withHeaderRaw(jws, Base64Url.encodeString(headerJson));
    }

    private static ObjectNode withHeaderRaw(ObjectNode jws, String header) {
        ObjectNode copy = jws.deepCopy();
        ((ObjectNode) copy.at("/signatures/0")).put("protected", header);
        return copy;
    }

    private static ObjectNode withoutSignatures(ObjectNode jws) {
        ObjectNode copy = jws.deepCopy();
        copy.putArray("signatures");
        return copy;
    }
}
