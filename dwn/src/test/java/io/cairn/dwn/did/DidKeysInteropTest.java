package io.cairn.dwn.did;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.CryptoPeer;
import io.cairn.dwn.jose.GeneralJwsBuilder;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.ResolvingSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identities generated in Java ({@link DidKeys}) are DIDs the SDK resolves to the same document and whose
 * signatures it accepts; and a did:key identity rebuilt from an SDK-made private key has the SDK's URI and
 * key ID.
 */
class DidKeysInteropTest {
    private static CryptoPeer sdk;
    private final DidResolver cairn = new UniversalResolver(List.of(DidKey.INSTANCE, DidJwk.INSTANCE));

    @BeforeAll
    static void startSdk() {
        sdk = CryptoPeer.start();
    }

    @AfterAll
    static void stopSdk() {
        if (sdk != null) sdk.close();
    }

    @Test
    void javaMadeIdentitiesResolveAndSignInTheSdk() {
        List<Supplier<BearerDid>> makers = List.of(DidKeys::generateEd25519, DidKeys::generateSecp256k1,
                () -> DidKeys.generateDidJwk("Ed25519"), () -> DidKeys.generateDidJwk("secp256k1"), () -> DidKeys.generateDidJwk("P-256"));
        for (Supplier<BearerDid> maker : makers) {
            BearerDid identity = maker.get();
            JsonNode resolved = sdk.resolve(identity.uri(), null);
            assertThat(resolved.at("/didResolutionMetadata").isEmpty()).as(identity.uri()).isTrue();
            assertThat(cairn.resolve(identity.uri()).toJson()).isEqualTo(resolved);
            assertThat(resolved.at("/didDocument/verificationMethod/0/id").asText()).isEqualTo(identity.keyId());

            ObjectNode jws = GeneralJwsBuilder.create("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), identity.signer()).getJws();
            assertThat(sdk.verify(jws, null).get("signers").get(0).asText()).isEqualTo(identity.uri());
            assertThat(new ResolvingSignatureVerifier(cairn).signers(jws)).containsExactly(identity.uri());
        }
    }

    @Test
    void aDidKeyRebuiltFromAnSdkKeyIsTheSdksDid() {
        for (String algorithm : List.of("Ed25519", "secp256k1")) {
            JsonNode did = sdk.createDid("key", algorithm, null);
            BearerDid rebuilt = DidKeys.didKeyOf(PrivateJwk.fromJson(did.at("/privateKeys/0")));
            assertThat(rebuilt.uri()).isEqualTo(did.get("uri").asText());
            assertThat(rebuilt.keyId()).isEqualTo(did.at("/document/verificationMethod/0/id").asText());
        }
    }
}
