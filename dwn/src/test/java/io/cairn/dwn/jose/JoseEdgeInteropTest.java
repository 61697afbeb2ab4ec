package io.cairn.dwn.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.interop.CryptoPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK behaviours whose texts reach reply details, compared case by case with the SDK in the same run:
 * V8's JSON.parse errors (a protected header that is not JSON), the JwkVerificationMethod schema check
 * (AJV's first error), and the raw signature algorithms on malformed keys and signatures.
 */
class JoseEdgeInteropTest {
    private static CryptoPeer sdk;

    @BeforeAll
    static void startSdk() {
        sdk = CryptoPeer.start();
    }

    @AfterAll
    static void stopSdk() {
        if (sdk != null) sdk.close();
    }

    private static String cairnParse(String text) {
        try {
            JsJson.parse(text);
            return "parsed";
        } catch (DwnError e) {
            return "threw:" + e.detail();
        }
    }

    private static String sdkParse(String text) {
        JsonNode reply = sdk.jsonParse(text);
        return reply.has("threw") ? "threw:" + reply.get("threw").asText() : "parsed";
    }

    @Test
    void jsonParseErrorsAreV8s() {
        List<String> texts = new ArrayList<>(List.of("", " ", "abc", "{", "{\"a\":1", "{\"a\":1 2}", "{\"a\" 1}", "{a:1}", "[1,]", "[1 2]",
                "\"abc", "\"a\u0001\"", "\"\\x\"", "\"\\u12\"", "\"\\u\"", "\"\\", "-", "-a", "1e", "1.", "1.5e+", "1 2", "{} x", "NaN",
                "undefined", "Infinity", "[object Object]", "tru", "t1", "t\"", "nulx", "01", "-01", "[", "{\"a\":", "{\"a\"",
                "{\"a\":1,}", "{,}", "{\"a\":1,\"b\"}", "\u2028{}", "\u00a0{}", "[1, \"x]", "1e5x", "[1]x", "{\"a\":1}\n\nxx",
                "{\"kid\":\"did:key:abcdefghijklmnopqrstuvwxyz\", x}", "[1,2,3,4,5,6,7,8,9,x,1,2,3,4,5,6,7,8,9,0]",
                "[1,2,3,4,5,6,7,8,9,1,1,2,3,4,5,6,7,8,9,0,x]", "xyyyyyyyyyyyyyyyyyyy", "xyyyyyyyyyyyyyyyyyyyy",
                "{\"kid\":\"did:key:z6Mk#z6Mk\",\"alg\":\"EdDSA\"}", "[[[[]]]]", "{\"a\":[{\"b\":null}]}", "1E+5", "-0.0e-0", "\"\\ud800\""));
        Random random = new Random(7);
        String header = "{\"kid\":\"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6Mk\",\"alg\":\"EdDSA\"}";
        String inserts = "{}[]\":,x0-.e \\\u0000";
        String replacements = "{}[]\":,x0-.e \\";
        for (int i = 0; i < 150; i++) {
            StringBuilder mutated = new StringBuilder(header);
            int position = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(position);
                case 1 -> mutated.insert(position, inserts.charAt(random.nextInt(inserts.length())));
                default -> mutated.setCharAt(position, replacements.charAt(random.nextInt(replacements.length())));
            }
            texts.add(mutated.toString());
        }
        for (String text : texts) assertThat(cairnParse(text)).as(text).isEqualTo(sdkParse(text));
    }

    @Test
    void jwkVerificationMethodSchemaErrorsAreAjvs() throws Exception {
        String did = "did:key:z6Mk";
        List<String> methods = List.of(
                "null", "[]", "5", "{}",
                "{\"id\":\"a\"}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey\",\"controller\":\"" + did + "\"}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\"},\"extra\":1}",
                "{\"1\":0,\"id\":\"a\",\"type\":\"JsonWebKey\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{},\"zz\":1}",
                "{\"id\":5,\"type\":\"JsonWebKey\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{}}",
                "{\"id\":\"a\",\"type\":\"Ed25519VerificationKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":7,\"publicKeyJwk\":{}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"alice\",\"publicKeyJwk\":{}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"did:ex:a;p=1/path?q#f\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"did:ex:a:\",\"publicKeyJwk\":{}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":null}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":\"x\"}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"crv\":\"Ed25519\",\"x\":\"a\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"EC\",\"crv\":\"P-256\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"EC\",\"crv\":5,\"x\":\"a\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":null}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"d\":\"b\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\",\"d\":\"b\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"RSA\",\"n\":\"a\",\"e\":\"b\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"RSA\",\"n\":\"a\",\"e\":\"b\",\"p\":\"c\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"RSA\",\"n\":\"a\",\"e\":\"b\",\"oth\":[]}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"oct\",\"k\":\"a\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"oct\",\"k\":\"a\",\"crv\":\"x\",\"x\":\"y\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"ABC\",\"crv\":\"Ed25519\",\"x\":\"a\"}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\",\"use\":1}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\",\"x5t#S256\":1}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\",\"alg\":[]}}",
                "{\"id\":\"a\",\"type\":\"JsonWebKey2020\",\"controller\":\"" + did + "\",\"publicKeyJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"a\",\"kid\":{}}}");
        for (String method : methods) {
            JsonNode value = JsJson.MAPPER.readTree(method);
            JsonNode reply = sdk.validateSchema("JwkVerificationMethod", value);
            String expected = reply.has("valid") ? "valid" : reply.get("threw").asText();
            String actual;
            try {
                JwkVerificationMethodSchema.validate(value);
                actual = "valid";
            } catch (DwnError e) {
                actual = e.detail();
            }
            assertThat(actual).as(method).isEqualTo(expected);
        }
    }

    @Test
    void rawAlgorithmsAgreeOnMalformedKeysAndSignatures() {
        String content = Base64Url.encodeString("content");
        String sig64 = Base64Url.encode(new byte[64]);
        List<String> keys = List.of(
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url.encode(new byte[32]) + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}",
                "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"" + Base64Url.encode(new byte[32]) + "\",\"y\":\"AA\"}",
                "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"" + Base64Url.encode(new byte[33]) + "\",\"y\":\"AA\"}",
                "{\"kty\":\"OKP\",\"crv\":\"secp256k1\",\"x\":\"AAAA\",\"y\":\"AA\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + Base64Url.encode(new byte[32]) + "\",\"y\":\"" + Base64Url.encode(new byte[32]) + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + Base64Url.encode(new byte[32]) + "\",\"y\":\"AQ\"}");
        List<String> signatures = List.of(sig64, "", Base64Url.encode(new byte[70]), Base64Url.encode(new byte[] {0x30, 6, 2, 1, 1, 2, 1, 1}),
                Base64Url.encode(new byte[] {0x30, 6, 2, 1, (byte) 0x81, 2, 1, 1}), Base64Url.encode(new byte[] {0x30, 7, 2, 2, 0, 1, 2, 1, 1}));
        for (String key : keys) {
            for (String signature : signatures) {
                PublicJwk jwk = PublicJwk.fromJson(readTree(key));
                JsonNode reply = sdk.rawVerify(readTree(key), content, signature);
                String expected = reply.has("valid") ? "valid:" + reply.get("valid").asBoolean() : reply.get("threw").asText();
                String actual;
                try {
                    actual = "valid:" + SignatureAlgorithms.forCurve(jwk.crv()).verify(Base64Url.decode(content), Base64Url.decode(signature), jwk);
                } catch (DwnError e) {
                    actual = e.detail();
                }
                assertThat(actual).as(key + " / " + signature).isEqualTo(expected);
            }
        }
    }

    @Test
    void aSignatureWithATorsionedRIsAcceptedAsByTheSdk() {
        byte[] seed = new byte[32];
        seed[0] = 7;
        // a did:key whose private seed the peer knows; R carries an order-2 point, so only a cofactored check accepts
        byte[] publicKey = io.cairn.dwn.crypto.Ed25519.publicKeyOf(seed);
        String did = io.cairn.dwn.did.DidKey.fromEd25519(publicKey);
        String kid = did + "#" + did.substring("did:key:".length());
        String header = Base64Url.encodeString("{\"kid\":\"" + kid + "\",\"alg\":\"EdDSA\"}");
        String payload = Base64Url.encodeString("{\"n\":1}");
        JsonNode crafted = sdk.torsionedEd25519Signature(Base64Url.encode(seed),
                Base64Url.encodeString(header + "." + payload));
        assertThat(crafted.get("publicKey").asText()).isEqualTo(Base64Url.encode(publicKey));
        byte[] signature = Base64Url.decode(crafted.get("signature").asText());
        byte[] input = (header + "." + payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(signature).hasSize(64);
        assertThat(input).isNotEmpty();

        com.fasterxml.jackson.databind.node.ObjectNode jws = JsJson.MAPPER.createObjectNode().put("payload", payload);
        jws.putArray("signatures").addObject().put("protected", header).put("signature", crafted.get("signature").asText());
        assertThat(sdk.verify(jws, null).path("signers").path(0).asText()).isEqualTo(did);
        io.cairn.dwn.did.DidResolver resolver = new io.cairn.dwn.did.UniversalResolver(List.of(io.cairn.dwn.did.DidKey.INSTANCE));
        assertThat(new GeneralJwsVerifier().verify(jws, resolver)).containsExactly(did);
    }

    @Test
    void aWeakKeyThatNobleAcceptsIsAcceptedAsByTheSdk() {
        JsonNode weak = sdk.weakEd25519Key();
        String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + weak.get("x").asText() + "\"}";
        String did = "did:jwk:" + Base64Url.encodeString(jwk);
        String header = Base64Url.encodeString("{\"kid\":\"" + did + "#0\",\"alg\":\"EdDSA\"}");
        String payload = Base64Url.encodeString("{\"anything\":true}");
        byte[] input = (header + "." + payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = Base64Url.decode(weak.get("signature").asText());
        assertThat(org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, Base64Url.decode(weak.get("x").asText()), 0, input, 0, input.length))
                .as("strict RFC 8032 refuses the non-canonical key").isFalse();
        com.fasterxml.jackson.databind.node.ObjectNode jws = JsJson.MAPPER.createObjectNode().put("payload", payload);
        jws.putArray("signatures").addObject().put("protected", header).put("signature", weak.get("signature").asText());
        io.cairn.dwn.did.DidResolver resolver = new io.cairn.dwn.did.UniversalResolver(List.of(io.cairn.dwn.did.DidJwk.INSTANCE));
        String expected = sdk.verify(jws, null).toString();
        String actual;
        try {
            actual = "{\"signers\":[\"" + String.join("\",\"", new GeneralJwsVerifier().verify(jws, resolver)) + "\"]}";
        } catch (DwnError e) {
            actual = "{\"rejected\":\"" + e.detail() + "\"}";
        }
        assertThat(actual).isEqualTo(expected).isEqualTo("{\"signers\":[\"" + did + "\"]}");
    }

    private static JsonNode readTree(String json) {
        try {
            return JsJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
