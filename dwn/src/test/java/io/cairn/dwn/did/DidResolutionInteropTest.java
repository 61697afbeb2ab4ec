package io.cairn.dwn.did;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.crypto.Ed25519;
import io.cairn.dwn.interop.CryptoPeer;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.GeneralJwsBuilder;
import io.cairn.dwn.jose.GeneralJwsVerifier;
import io.cairn.dwn.jose.JsJson;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PrivateKeySigner;
import io.cairn.multiformats.Multibase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DIDs created by @web5/dids (the SDK's DID library) resolve in Cairn to the same resolution result as in
 * the JS resolver, in the same run: did:key and did:jwk offline, did:dht published by the JS DidDht to a
 * relay on 127.0.0.1 and resolved by both through it, did:web served by a local HTTP server. Malformed
 * DIDs, unknown methods, a relay that is down, stalls, or serves a forged record give the same errors.
 */
class DidResolutionInteropTest {
    private static CryptoPeer sdk;
    private LocalHttpServer relay;
    private UniversalResolver cairn;

    @BeforeAll
    static void startSdk() {
        sdk = CryptoPeer.start();
    }

    @AfterAll
    static void stopSdk() {
        if (sdk != null) sdk.close();
    }

    @BeforeEach
    void startRelay() throws IOException {
        relay = new LocalHttpServer();
        DidHttp http = new DidHttp(Duration.ofSeconds(5));
        cairn = new UniversalResolver(List.of(new DidDht(http, relay.url()), DidJwk.INSTANCE, DidKey.INSTANCE,
                DidWeb.allowingPlainHttpForLoopback(http)));
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private void assertSameResolution(String did) {
        JsonNode expected = sdk.resolve(did, relay.url());
        assertThat(cairn.resolve(did).toJson()).as(did).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"key:Ed25519", "key:secp256k1", "jwk:Ed25519", "jwk:secp256k1", "jwk:secp256r1"})
    void didKeyAndDidJwkResolveToTheJsDocument(String name) {
        String[] methodAndAlgorithm = name.split(":");
        JsonNode did = sdk.createDid(methodAndAlgorithm[0], methodAndAlgorithm[1], null);
        assertSameResolution(did.get("uri").asText());
        assertThat(cairn.resolve(did.get("uri").asText()).didDocument()).isEqualTo(did.get("document"));
        // a DID URL resolves to its DID's document
        assertSameResolution(did.get("uri").asText() + "/path?service=x#frag");
    }

    @Test
    void cairnMadeDidKeysResolveInTheSdk() {
        byte[] ed25519 = Ed25519.publicKeyOf(new byte[32]);
        String did = DidKey.fromEd25519(ed25519);
        JsonNode js = sdk.resolve(did, null);
        assertThat(js.at("/didResolutionMetadata").isEmpty()).isTrue();
        assertThat(cairn.resolve(did).toJson()).isEqualTo(js);
    }

    @Test
    void aPublishedDidDhtResolvesThroughTheRelayAsInTheSdk() {
        ObjectNode options = JsJson.MAPPER.createObjectNode().put("publish", true).put("gatewayUri", relay.url());
        ArrayNode methods = options.putArray("verificationMethods");
        methods.addObject().put("algorithm", "secp256k1").putArray("purposes").add("authentication").add("assertionMethod");
        ObjectNode second = methods.addObject().put("algorithm", "Ed25519").put("id", "enc-1");
        second.putArray("purposes").add("keyAgreement");
        ObjectNode service = options.putArray("services").addObject().put("id", "dwn").put("type", "DecentralizedWebNode");
        service.putArray("serviceEndpoint").add("https://dwn.example.com").add("https://dwn2.example.com");
        service.put("enc", "#enc-1");
        options.putArray("alsoKnownAs").add("https://alice.example");
        options.putArray("controllers").add("did:example:boss");
        options.putArray("types").add(1).add(7);
        JsonNode did = sdk.createDid("dht", null, options);
        String uri = did.get("uri").asText();

        assertThat(relay.stored("/" + uri.substring("did:dht:".length()))).as("published to the relay").isNotNull();
        assertSameResolution(uri);
        DidResolutionResult result = cairn.resolve(uri);
        // the DNS form is lossy (a one-element controller list comes back as a string) but keeps the keys
        assertThat(result.didDocument().get("verificationMethod")).hasSize(3);
        assertThat(result.didDocument().at("/verificationMethod/1/publicKeyJwk/x")).isEqualTo(did.at("/document/verificationMethod/1/publicKeyJwk/x"));
        assertThat(result.didDocumentMetadata().get("types").toString()).isEqualTo("[1,7]");
    }

    @Test
    void aJwsSignedWithADidDhtKeyVerifiesInBoth() {
        ObjectNode options = JsJson.MAPPER.createObjectNode().put("publish", true).put("gatewayUri", relay.url());
        JsonNode did = sdk.createDid("dht", null, options);
        String keyId = did.at("/document/verificationMethod/0/id").asText();
        PrivateKeySigner signer = new PrivateKeySigner(PrivateJwk.fromJson(did.at("/privateKeys/0")), keyId);
        ObjectNode jws = GeneralJwsBuilder.create("{\"a\":1}".getBytes(StandardCharsets.UTF_8), signer).getJws();
        assertThat(new GeneralJwsVerifier().verify(jws, cairn)).containsExactly(did.get("uri").asText());
        assertThat(sdk.verify(jws, relay.url()).get("signers").get(0).asText()).isEqualTo(did.get("uri").asText());
    }

    @Test
    void didDhtFailuresMatchTheSdk() throws IOException {
        ObjectNode options = JsJson.MAPPER.createObjectNode().put("publish", true).put("gatewayUri", relay.url());
        String uri = sdk.createDid("dht", null, options).get("uri").asText();

        relay.tamper(body -> {
            body[body.length - 1] ^= 1;
            return body;
        });
        assertSameResolution(uri);
        assertThat(cairn.resolve(uri).error()).isEqualTo("invalidSignature");

        relay.tamper(body -> {
            body[70] ^= 1; // the sequence number is signed too
            return body;
        });
        assertSameResolution(uri);

        relay.tamper(body -> java.util.Arrays.copyOf(body, 71));
        assertSameResolution(uri);
        assertThat(cairn.resolve(uri).error()).isEqualTo("invalidDidDocumentLength");

        relay.tamper(body -> java.util.Arrays.copyOf(body, 1073));
        assertSameResolution(uri);

        relay.tamper(body -> new byte[0]);
        assertSameResolution(uri);

        relay.tamper(java.util.function.UnaryOperator.identity());
        String unpublished = DidDht.fromIdentityKey(Ed25519.publicKeyOf(new byte[32]));
        assertSameResolution(unpublished);
        assertThat(cairn.resolve(unpublished).error()).isEqualTo("notFound");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closedPort;
        DidDht unreachable = new DidDht(new DidHttp(Duration.ofSeconds(5)), down);
        assertThat(unreachable.resolve(uri).toJson()).isEqualTo(sdk.resolve(uri, down));
        assertThat(unreachable.resolve(uri).error()).isEqualTo("internalError");
    }

    @Test
    void aStallingRelayTimesOut() {
        ObjectNode options = JsJson.MAPPER.createObjectNode().put("publish", true).put("gatewayUri", relay.url());
        String uri = sdk.createDid("dht", null, options).get("uri").asText();
        relay.stall(true);
        DidDht impatient = new DidDht(new DidHttp(Duration.ofMillis(500)), relay.url());
        long start = System.nanoTime();
        DidResolutionResult result = impatient.resolve(uri);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.error()).isEqualTo("internalError");
        assertThat(result.didDocument()).isNull();
    }

    @Test
    void didWebResolvesLikeTheSdk() {
        String host = "127.0.0.1%3A" + relay.port();
        JsonNode key = sdk.createDid("jwk", "Ed25519", null);
        ObjectNode document = JsJson.MAPPER.createObjectNode();
        document.putArray("@context").add("https://www.w3.org/ns/did/v1");
        document.put("id", "did:web:" + host);
        ObjectNode method = document.putArray("verificationMethod").addObject();
        method.put("id", "did:web:" + host + "#key-1").put("type", "JsonWebKey2020").put("controller", "did:web:" + host);
        method.set("publicKeyJwk", key.at("/document/verificationMethod/0/publicKeyJwk"));
        relay.serve("/.well-known/did.json", document.toString().getBytes(StandardCharsets.UTF_8));
        relay.serve("/users/alice/did.json", "{\"id\":\"did:web:x:users:alice\"}".getBytes(StandardCharsets.UTF_8));
        relay.serve("/users/bad/did.json", "{not json".getBytes(StandardCharsets.UTF_8));

        assertSameResolution("did:web:" + host);
        assertThat(cairn.resolve("did:web:" + host).didDocument()).isEqualTo(document);
        assertSameResolution("did:web:" + host + ":users:alice");
        assertSameResolution("did:web:" + host + ":users:bad");
        assertSameResolution("did:web:" + host + ":users:nobody");

        // a JWS signed with the did:web key verifies in both
        PrivateKeySigner signer = new PrivateKeySigner(PrivateJwk.fromJson(key.at("/privateKeys/0")), "did:web:" + host + "#key-1");
        ObjectNode jws = GeneralJwsBuilder.create(new byte[] {'{', '}'}, signer).getJws();
        assertThat(new GeneralJwsVerifier().verify(jws, cairn)).containsExactly("did:web:" + host);
        assertThat(sdk.verify(jws, null).get("signers").get(0).asText()).isEqualTo("did:web:" + host);
    }

    @Test
    void didWebWithABadEscapeFailsLikeTheSdk() {
        // decodeURIComponent throws before any request: the SDK's resolve rejects, and so does Cairn's
        String did = "did:web:127.0.0.1%C3%28";
        assertThat(sdk.verify(jwsWithKid(did + "#k"), null).get("rejected").asText()).isEqualTo("URI malformed");
        assertThat(verdict(jwsWithKid(did + "#k"))).isEqualTo("URI malformed");
    }

    @Test
    void malformedDidsAndUnknownMethodsGiveTheSdksErrors() {
        List<String> dids = new ArrayList<>(List.of(
                "", "did", "did:", "did:key", "did:key:", "did:KEY:z6Mk", "did:key:abc", "did:key:z", "did:key:z111",
                "did:key:z0OIl", "did:key:z6Mk", "did:key:zQ3s", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                "did:key:" + Multibase.BASE58_BTC.encode(new byte[] {(byte) 0xed, 0x01, 1, 2, 3}),
                "did:key:" + Multibase.BASE58_BTC.encode(concat(new byte[] {(byte) 0x80, 0x26}, new byte[32])),
                "did:key:" + Multibase.BASE58_BTC.encode(concat(new byte[] {(byte) 0xe7, 0x01}, new byte[33])),
                "did:key:" + Multibase.BASE58_BTC.encode(concat(new byte[] {(byte) 0xed, 0x01}, onesKey())),
                "did:key:" + Multibase.BASE58_BTC.encode(concat(new byte[] {(byte) 0xec, 0x01}, new byte[32])),
                "did:key:" + Multibase.BASE58_BTC.encode(concat(new byte[] {(byte) 0x80, 0x26, 0x01}, new byte[32])),
                "did:jwk:", "did:jwk:!!", "did:jwk:bnVsbA", "did:jwk:MA", "did:jwk:MQ", "did:jwk:eyJ9", "did:jwk:InN0ciI",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"abc\",\"use\":\"enc\"}"),
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"use\":\"sig\"}"),
                "did:jwk:" + Base64Url.encodeString("[1,2]"),
                "did:dht:", "did:dht:abc", "did:dht:0000", "did:dht:" + io.cairn.dwn.crypto.Rfc4648.BASE32Z.encode(new byte[31]),
                "did:example:123", "did:web:", "did:key:z6Mk%zz", "did:key:z6Mk:", "did:key:a:b:c", "did:key:z6Mk#\nx"));
        for (String did : dids) assertSameResolution(did);
    }

    @Test
    void jwsKidsNamingUnresolvableDidsAreRejectedLikeTheSdk() {
        for (String kid : List.of("did:dht:abc#0", "did:jwk:bnVsbA#0", "did:example:1#k", "did:key:z6Mk#z6Mk",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"abc\",\"d\":\"x\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"abc\",\"y\":\"def\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"abc\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"crv\":\"Ed25519\",\"x\":\"abc\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":7}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AAAA\",\"y\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"RSA\",\"n\":\"AAAA\",\"e\":\"AQAB\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"oct\",\"k\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"EC\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"secp256k1\",\"x\":\"AAAA\"}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\",\"alg\":5}") + "#0",
                "did:jwk:" + Base64Url.encodeString("{\"kty\":\"XYZ\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}") + "#0")) {
            JsonNode jws = jwsWithKid(kid);
            String expected = sdk.verify(jws, relay.url()).path("rejected").asText("(accepted)");
            assertThat(verdict(jws)).as(kid).isEqualTo(expected);
        }
    }

    private String verdict(JsonNode jws) {
        try {
            return "accepted " + new GeneralJwsVerifier().verify(jws, cairn);
        } catch (DwnError e) {
            return e.detail();
        }
    }

    private static JsonNode jwsWithKid(String kid) {
        ObjectNode jws = JsJson.MAPPER.createObjectNode().put("payload", "e30");
        ObjectNode header = JsJson.MAPPER.createObjectNode().put("kid", kid).put("alg", "EdDSA");
        jws.putArray("signatures").addObject().put("protected", Base64Url.encodeString(header.toString()))
                .put("signature", Base64Url.encode(new byte[64]));
        return jws;
    }

    private static byte[] onesKey() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0xff);
        return key;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
