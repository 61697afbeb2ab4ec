package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.client.MessagesQueryBuilder;
import io.cairn.dwn.client.MessagesReadBuilder;
import io.cairn.dwn.client.MessagesSubscribeBuilder;
import io.cairn.dwn.client.PermissionGrantBuilder;
import io.cairn.dwn.client.PermissionRequestBuilder;
import io.cairn.dwn.client.PermissionRevocationBuilder;
import io.cairn.dwn.client.ProtocolsConfigureBuilder;
import io.cairn.dwn.client.ProtocolsQueryBuilder;
import io.cairn.dwn.client.RecordsDeleteBuilder;
import io.cairn.dwn.client.RecordsQueryBuilder;
import io.cairn.dwn.client.RecordsReadBuilder;
import io.cairn.dwn.client.RecordsSubscribeBuilder;
import io.cairn.dwn.client.RecordsWriteBuilder;
import io.cairn.dwn.client.SignedRecord;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PrivateKeySigner;
import io.cairn.dwn.jose.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client against dwn-sdk-js 0.5.2 in the same run: for the same inputs and key, every builder
 * produces exactly the message the SDK's {@code create} does (Ed25519 signatures are deterministic, so
 * byte for byte); messages the client builds get the same replies from the SDK's Dwn and from Cairn; a
 * record the SDK built and Cairn stored is read back through the client.
 */
class ClientInteropTest {
    private static final String T = "2026-11-30T12:34:56.123456Z";
    private static SdkPeer sdk;
    private static Twin twin;
    private static SdkPeer.Persona alice;
    private static SdkPeer.Persona bob;
    private static Signer aliceSigner;
    private static Signer bobSigner;

    @BeforeAll
    static void start() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        bob = sdk.persona("bob");
        aliceSigner = signer(alice);
        bobSigner = signer(bob);
        twin = new Twin(sdk);
    }

    @AfterAll
    static void stop() {
        if (sdk != null) sdk.close();
    }

    @BeforeEach
    void empty() {
        twin.reset();
    }

    @Test
    void everyBuilderMakesTheSdksMessage() {
        byte[] data = bytes("{\"amount\": 42}");
        ObjectNode tags = SdkPeer.options().put("kind", "transfer").put("rank", 3);
        tags.putArray("labels").add("a").add("b");
        assertSame(new RecordsWriteBuilder().data(data).dataFormat("application/json").schema("cairn.example/schemas/transfer/")
                        .tags(tags).published(true).datePublished(T).messageTimestamp(T).dateCreated(T).sign(aliceSigner),
                "RecordsWrite", SdkPeer.options().<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "application/json")
                        .put("schema", "cairn.example/schemas/transfer/").<ObjectNode>set("tags", tags).put("published", true)
                        .put("datePublished", T)
                        .put("messageTimestamp", T).put("dateCreated", T));
        assertSame(new RecordsWriteBuilder().data(data).dataFormat("application/json").protocol("https://cairn.example/p", "thread/reply")
                        .parentContextId("bafyreiparent/bafyreichild").recipient(bob.did()).attester(bobSigner)
                        .permissionGrantId("bafyreigrant").protocolRole("thread/participant").messageTimestamp(T).dateCreated(T).sign(aliceSigner),
                "RecordsWrite", SdkPeer.options().<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "application/json")
                        .put("protocol", "https://cairn.example/p").put("protocolPath", "thread/reply")
                        .put("parentContextId", "bafyreiparent/bafyreichild").put("recipient", bob.did())
                        .<ObjectNode>set("attestationSigners", Twin.JSON.createArrayNode().add(bob.signer()))
                        .put("permissionGrantId", "bafyreigrant").put("protocolRole", "thread/participant")
                        .put("messageTimestamp", T).put("dateCreated", T));

        ObjectNode filter = SdkPeer.options().put("schema", "cairn.example/s/").put("dataFormat", "text/plain");
        assertSame(new RecordsQueryBuilder(filter).dateSort("createdDescending")
                        .pagination(SdkPeer.options().put("limit", 5)).messageTimestamp(T).sign(aliceSigner),
                "RecordsQuery", SdkPeer.options().<ObjectNode>set("filter", filter).put("dateSort", "createdDescending")
                        .<ObjectNode>set("pagination", SdkPeer.options().put("limit", 5)).put("messageTimestamp", T));
        assertSame(new RecordsReadBuilder(SdkPeer.options().put("recordId", "bafyreirecord")).messageTimestamp(T).sign(aliceSigner),
                "RecordsRead", SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("recordId", "bafyreirecord")).put("messageTimestamp", T));
        assertSame(new RecordsSubscribeBuilder(filter).messageTimestamp(T).sign(aliceSigner),
                "RecordsSubscribe", SdkPeer.options().<ObjectNode>set("filter", filter).put("messageTimestamp", T));
        assertSame(new RecordsDeleteBuilder("bafyreirecord").prune(true).messageTimestamp(T).sign(aliceSigner),
                "RecordsDelete", SdkPeer.options().put("recordId", "bafyreirecord").put("prune", true).put("messageTimestamp", T));

        ObjectNode definition = protocolDefinition("cairn.example/chat/");
        assertSame(new ProtocolsConfigureBuilder(definition).messageTimestamp(T).sign(aliceSigner),
                "ProtocolsConfigure", SdkPeer.options().<ObjectNode>set("definition", definition).put("messageTimestamp", T));
        assertSame(new ProtocolsQueryBuilder().protocol("cairn.example/chat/").messageTimestamp(T).sign(aliceSigner),
                "ProtocolsQuery", SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("protocol", "cairn.example/chat/"))
                        .put("messageTimestamp", T));

        ObjectNode messagesFilter = SdkPeer.options().put("interface", "Records").put("protocol", "cairn.example/chat/");
        ObjectNode cursor = SdkPeer.options().put("messageCid", "bafyreievent").put("value", "01JDWXYZ0000000000000000AB");
        assertSame(new MessagesQueryBuilder().filter(messagesFilter).filter(SdkPeer.options()).cursor(cursor).messageTimestamp(T).sign(aliceSigner),
                "MessagesQuery", SdkPeer.options().<ObjectNode>set("filters", Twin.JSON.createArrayNode().add(messagesFilter).add(SdkPeer.options()))
                        .<ObjectNode>set("cursor", cursor).put("messageTimestamp", T));
        ObjectNode normalized = SdkPeer.options().put("method", "Write").put("protocol", "http://cairn.example/chat");
        assertSame(new MessagesSubscribeBuilder().filter(normalized).messageTimestamp(T).permissionGrantId("bafyreigrant").sign(aliceSigner),
                "MessagesSubscribe", SdkPeer.options().<ObjectNode>set("filters", Twin.JSON.createArrayNode().add(normalized))
                        .put("permissionGrantId", "bafyreigrant").put("messageTimestamp", T));
        assertSame(new MessagesReadBuilder("bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua").messageTimestamp(T).sign(aliceSigner),
                "MessagesRead", SdkPeer.options().put("messageCid", "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua")
                        .put("messageTimestamp", T));
    }

    @Test
    void secp256k1SignaturesAreTheSdksAndAccepted() {
        SdkPeer.Persona carol = sdk.persona("carol", "secp256k1");
        Signer carolSigner = signer(carol);
        byte[] data = bytes("signed with ES256K");
        ObjectNode ours = new RecordsWriteBuilder().data(data).dataFormat("text/plain").messageTimestamp(T).dateCreated(T).sign(carolSigner);
        ObjectNode theirs = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", carol.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain").put("messageTimestamp", T).put("dateCreated", T));
        assertThat(wire(ours)).isEqualTo(theirs); // RFC 6979 nonces and low-S on both sides
        assertThat(twin.process(carol.did(), ours, data).status()).isEqualTo(202);
    }

    @Test
    void permissionRecordsAreTheSdksAndWorkInBoth() {
        ObjectNode scope = SdkPeer.options().put("interface", "Records").put("method", "Read").put("protocol", "cairn.example/chat/");
        SignedRecord request = new PermissionRequestBuilder(scope, true).description("let me read").dateRequested(T).sign(bobSigner);
        JsonNode sdkRequest = sdk.call("PermissionsProtocol.createRequest", null, SdkPeer.options().<ObjectNode>set("signer", bob.signer())
                .<ObjectNode>set("scope", scope).put("delegated", true).put("description", "let me read").put("dateRequested", T));
        assertThat(wire(request.message()).at("/descriptor")).isEqualTo(withoutDateCreated(sdkRequest.at("/recordsWrite/message/descriptor"), request.message()));
        assertThat(request.data()).isEqualTo(SdkPeer.bytesOf(sdkRequest.get("permissionRequestBytes")));

        ObjectNode conditions = SdkPeer.options().put("publication", "Required");
        SignedRecord grant = new PermissionGrantBuilder(bob.did(), "2099-01-01T00:00:00.000000Z", scope).description("granted")
                .delegated(false).requestId(request.recordId()).conditions(conditions).dateGranted(T).sign(aliceSigner);
        JsonNode sdkGrant = sdk.call("PermissionsProtocol.createGrant", "sdkGrant", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .put("grantedTo", bob.did()).put("dateExpires", "2099-01-01T00:00:00.000000Z").<ObjectNode>set("scope", scope)
                .put("description", "granted").put("delegated", false).put("requestId", request.recordId())
                .<ObjectNode>set("conditions", conditions).put("dateGranted", T));
        assertThat(wire(grant.message())).isEqualTo(sdkGrant.at("/recordsWrite/message"));
        assertThat(grant.data()).isEqualTo(SdkPeer.bytesOf(sdkGrant.get("permissionGrantBytes")));

        ObjectNode messagesScope = SdkPeer.options().put("interface", "Messages").put("method", "Query");
        SignedRecord messagesGrant = new PermissionGrantBuilder(bob.did(), "2099-01-01T00:00:00.000000Z", messagesScope).sign(aliceSigner);
        assertThat(twin.process(alice.did(), messagesGrant.message(), messagesGrant.data()).status()).isEqualTo(202);
        assertThat(messagesQueryInBoth(new MessagesQueryBuilder().permissionGrantId(messagesGrant.recordId()).sign(bobSigner))).isEqualTo(200);
        SignedRecord revocation = new PermissionRevocationBuilder(messagesGrant.recordId(), messagesScope).description("done").sign(aliceSigner);
        assertThat(twin.process(alice.did(), revocation.message(), revocation.data()).status()).isEqualTo(202);
        assertThat(messagesQueryInBoth(new MessagesQueryBuilder().permissionGrantId(messagesGrant.recordId()).sign(bobSigner))).isEqualTo(401);
    }

    /** A MessagesQuery on alice's DWN in both: same status, detail and entries (cursor values are each side's watermarks). */
    private static int messagesQueryInBoth(ObjectNode query) {
        SdkPeer.Reply expected = sdk.process(alice.did(), query);
        DwnReply actual = twin.cairn.processMessage(alice.did(), query.deepCopy(), MessageProcessor.ProcessOptions.NONE);
        assertThat(actual.statusCode()).as(expected.detail()).isEqualTo(expected.status());
        assertThat(actual.body().path("status").path("detail").asText()).isEqualTo(expected.detail());
        assertThat(actual.body().get("entries")).isEqualTo(expected.body().get("entries"));
        return expected.status();
    }

    /** The SDK's createRequest dates the record now: take our own dateCreated for the comparison. */
    private static JsonNode withoutDateCreated(JsonNode sdkDescriptor, ObjectNode ours) {
        ObjectNode copy = (ObjectNode) sdkDescriptor.deepCopy();
        copy.set("dateCreated", ours.at("/descriptor/dateCreated"));
        return copy;
    }

    @Test
    void ownerSignaturesMatchTheSdks() {
        byte[] data = bytes("bob writes, alice keeps");
        ObjectNode byBob = new RecordsWriteBuilder().data(data).dataFormat("text/plain").messageTimestamp(T).dateCreated(T).sign(bobSigner);
        sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", bob.signer()).<ObjectNode>set("data", SdkPeer.bytes(data))
                .put("dataFormat", "text/plain").put("messageTimestamp", T).put("dateCreated", T), "byBob");
        sdk.call("byBob.signAsOwner", null, alice.signer());
        assertThat(wire(RecordsWriteBuilder.signAsOwner(byBob, aliceSigner))).isEqualTo(sdk.get("byBob.message"));
    }

    @Test
    void messagesBuiltInJavaGetTheSameRepliesFromTheSdkAndFromCairn() {
        byte[] data = bytes("written by the Java client");
        ObjectNode write = new RecordsWriteBuilder().data(data).dataFormat("text/plain").schema("https://cairn.example/schemas/note").sign(aliceSigner);
        assertThat(twin.process(alice.did(), write, data).status()).isEqualTo(202);
        byte[] big = new byte[300_000]; // several UnixFS chunks: the builder needs the importer's CID
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i % 251);
        ObjectNode bigWrite = new RecordsWriteBuilder(io.cairn.dwn.testing.UnixfsDataCids.computer()).data(big)
                .dataFormat("application/octet-stream").sign(aliceSigner);
        assertThat(twin.process(alice.did(), bigWrite, big).status()).isEqualTo(202);

        String recordId = write.get("recordId").asText();
        twin.process(alice.did(), new RecordsReadBuilder(SdkPeer.options().put("recordId", recordId)).sign(aliceSigner));
        twin.process(alice.did(), new RecordsQueryBuilder(SdkPeer.options().put("schema", "https://cairn.example/schemas/note")).sign(aliceSigner));
        twin.process(alice.did(), new RecordsReadBuilder(SdkPeer.options().put("recordId", recordId)).sign(bobSigner)); // 401
        twin.process(alice.did(), new ProtocolsQueryBuilder().unsigned());
        twin.process(alice.did(), new RecordsDeleteBuilder(recordId).sign(aliceSigner));
        twin.process(alice.did(), new RecordsReadBuilder(SdkPeer.options().put("recordId", recordId)).sign(aliceSigner)); // 404
        twin.process(alice.did(), new MessagesReadBuilder(sdk.messageCid(bigWrite)).sign(aliceSigner));
    }

    @Test
    void aRecordTheSdkBuiltIsReadBackFromCairnByTheJavaClient() {
        byte[] data = bytes("built by dwn-sdk-js, stored by Cairn");
        ObjectNode write = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain"));
        DwnReply stored = twin.cairn.processMessage(alice.did(), write.deepCopy(),
                new MessageProcessor.ProcessOptions(new java.io.ByteArrayInputStream(data), null));
        assertThat(stored.statusCode()).isEqualTo(202);

        DwnReply read = twin.cairn.processMessage(alice.did(),
                new RecordsReadBuilder(SdkPeer.options().put("recordId", write.get("recordId").asText())).sign(aliceSigner),
                MessageProcessor.ProcessOptions.NONE);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body().at("/entry/recordsWrite")).isEqualTo(write);
        assertThat(readAll(read.data())).isEqualTo(data);
    }

    private static void assertSame(ObjectNode ours, String type, ObjectNode sdkOptions) {
        ObjectNode theirs = sdk.create(type, sdkOptions.deepCopy().set("signer", alice.signer()));
        assertThat(wire(ours)).as(type).isEqualTo(theirs);
        assertThat(ours.at("/authorization/signature/payload")).as(type + " signature payload")
                .isEqualTo(theirs.at("/authorization/signature/payload"));
    }

    /** The message as it travels: JSON text read back (numbers as the parser types them). */
    private static JsonNode wire(ObjectNode message) {
        try {
            return Twin.JSON.readTree(message.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode protocolDefinition(String protocol) {
        try {
            return (ObjectNode) Twin.JSON.readTree("""
                    {"protocol": "%s", "published": true,
                     "types": {"thread": {"schema": "cairn.example/schemas/thread/", "dataFormats": ["application/json"]},
                               "reply": {"dataFormats": ["text/plain"]}},
                     "structure": {"thread": {"reply": {"$actions": [{"who": "anyone", "can": ["create"]}]}}}}
                    """.formatted(protocol));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Signer signer(SdkPeer.Persona persona) {
        return new PrivateKeySigner(PrivateJwk.fromJson(persona.privateJwk()), persona.keyId());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
