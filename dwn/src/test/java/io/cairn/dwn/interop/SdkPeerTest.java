package io.cairn.dwn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The harness itself: every op of sdk-peer.mjs does what SdkPeer promises, against the real SDK. */
class SdkPeerTest {
    private static SdkPeer sdk;
    private static SdkPeer.Persona alice;
    private static SdkPeer.Persona bob;

    @BeforeAll
    static void startPeer() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        bob = sdk.persona("bob", "secp256k1");
    }

    @AfterAll
    static void stopPeer() {
        if (sdk != null) sdk.close();
    }

    @BeforeEach
    void emptyDwn() {
        sdk.reset();
    }

    @Test
    void personasAreDidKeysWithTheirPrivateKeys() {
        assertThat(alice.did()).startsWith("did:key:z6Mk");
        assertThat(alice.keyId()).startsWith(alice.did() + "#");
        assertThat(alice.privateJwk().get("crv").asText()).isEqualTo("Ed25519");
        assertThat(alice.privateJwk().has("d")).isTrue();
        assertThat(bob.privateJwk().get("crv").asText()).isEqualTo("secp256k1");
        assertThat(bob.privateJwk().get("alg").asText()).isEqualTo("ES256K");
    }

    @Test
    void writeThenReadAndQueryInTheSdksDwn() {
        byte[] data = "hello cairn".getBytes(StandardCharsets.UTF_8);
        ObjectNode write = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain").put("schema", "https://cairn.example/s"));
        assertThat(write.at("/descriptor/dataSize").asInt()).isEqualTo(data.length);
        assertThat(sdk.process(alice.did(), write, data).status()).isEqualTo(202);

        String recordId = write.get("recordId").asText();
        ObjectNode read = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("recordId", recordId)));
        SdkPeer.Reply readReply = sdk.process(alice.did(), read);
        assertThat(readReply.status()).isEqualTo(200);
        assertThat(readReply.data()).isEqualTo(data);
        assertThat(readReply.body().at("/entry/recordsWrite/recordId").asText()).isEqualTo(recordId);

        ObjectNode query = sdk.create("RecordsQuery", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filter", SdkPeer.options().put("schema", "https://cairn.example/s")));
        List<JsonNode> entries = sdk.process(alice.did(), query).entries();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("encodedData").asText()).isNotEmpty();
    }

    @Test
    void aTamperedSignatureIsRejectedAsTheSdkDoes() {
        ObjectNode write = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(new byte[] {1, 2, 3})).put("dataFormat", "application/octet-stream"));
        ObjectNode signature = (ObjectNode) write.at("/authorization/signature/signatures/0");
        String sig = signature.get("signature").asText();
        signature.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        SdkPeer.Reply reply = sdk.process(alice.did(), write, new byte[] {1, 2, 3});
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.detail()).isNotBlank();
    }

    @Test
    void subscriptionsReceiveEventsInOrderUntilClosed() {
        ObjectNode subscribe = sdk.create("MessagesSubscribe", SdkPeer.options().set("signer", alice.signer()));
        SdkPeer.Reply reply = sdk.process(alice.did(), subscribe);
        assertThat(reply.status()).isEqualTo(200);
        String id = reply.subscriptionId();
        assertThat(id).isEqualTo(sdk.messageCid(subscribe));

        ObjectNode first = writeRecord("one");
        ObjectNode second = writeRecord("two");
        List<ObjectNode> events = sdk.events(id, 2, Duration.ofSeconds(5));
        assertThat(events).extracting(e -> e.at("/message/recordId").asText())
                .containsExactly(first.get("recordId").asText(), second.get("recordId").asText());

        sdk.unsubscribe(id);
        assertThatThrownBy(() -> sdk.events(id)).hasMessageContaining("no open subscription");
    }

    @Test
    void permissionGrantsComeFromTheSdksPermissionsProtocol() {
        ObjectNode options = SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .put("grantedTo", bob.did()).put("dateExpires", "2099-01-01T00:00:00.000000Z")
                .set("scope", SdkPeer.options().put("interface", "Messages").put("method", "Query"));
        JsonNode grant = sdk.call("PermissionsProtocol.createGrant", "grant", options);
        ObjectNode message = (ObjectNode) grant.get("dataEncodedMessage");
        assertThat(message.at("/descriptor/protocolPath").asText()).isEqualTo("grant");
        byte[] data = SdkPeer.bytesOf(grant.get("permissionGrantBytes"));
        message.remove("encodedData");
        assertThat(sdk.process(alice.did(), message, data).status()).isEqualTo(202);

        JsonNode revocation = sdk.call("PermissionsProtocol.createRevocation", null, SdkPeer.options()
                .<ObjectNode>set("signer", alice.signer())
                .set("grant", sdk.call("PermissionGrant.parse", null, SdkPeer.ref("grant.dataEncodedMessage"))));
        assertThat(revocation.at("/recordsWrite/message/descriptor/parentId").asText()).isEqualTo(message.get("recordId").asText());
    }

    @Test
    void savedSdkObjectsCanBeCalled() {
        sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(new byte[] {9})).put("dataFormat", "application/octet-stream"), "w");
        JsonNode owner = sdk.call("w.signAsOwner", null, SdkPeer.signer("alice"));
        assertThat(owner == null || owner.isNull()).isTrue();
        assertThat(sdk.get("w.message.authorization.ownerSignature").isObject()).isTrue();
        assertThatThrownBy(() -> sdk.call("nothing.create", null)).hasMessageContaining("nothing saved as nothing");
    }

    private ObjectNode writeRecord(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ObjectNode write = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain"));
        assertThat(sdk.process(alice.did(), write, data).status()).isEqualTo(202);
        return write;
    }
}
