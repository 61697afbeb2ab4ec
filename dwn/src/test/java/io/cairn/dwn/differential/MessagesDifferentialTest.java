package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.interop.SdkPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Messages interface (Query, Read, Subscribe) built and signed by dwn-sdk-js 0.5.2 and processed in
 * its own Dwn and in Cairn's: the same status, detail, entries and entry; cursors on the same event (their
 * values are each side's own watermarks, so each side resumes from its own cursor); subscription events
 * in the same order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesDifferentialTest {
    private static final String SCHEMA = "https://cairn.example/schemas/message-log";
    private SdkPeer sdk;
    private Twin twin;
    private SdkPeer.Persona alice;
    private SdkPeer.Persona bob;

    @BeforeAll
    void start() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        bob = sdk.persona("bob");
        twin = new Twin(sdk, this::newCairn);
    }

    @AfterAll
    void stop() {
        if (sdk != null) sdk.close();
        closeCairn();
    }

    /** Cairn as the test runs it: in-memory stores here, RocksDB in {@link MessagesOnRocksDifferentialTest}. */
    protected Dwn newCairn() {
        return Twin.newCairn();
    }

    protected void closeCairn() {}

    @BeforeEach
    void empty() {
        twin.reset();
    }

    @Test
    void queryReturnsTheEventLogInOrderWithFiltersAndCursors() {
        List<ObjectNode> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) writes.add(write(alice, "record " + i, "2026-0" + (1 + i) + "-15T10:00:00.000000Z"));
        Pair firstPage = query(alice, SdkPeer.options());
        assertThat(firstPage.sdk().entries()).hasSize(3);

        for (int i = 3; i < 6; i++) writes.add(write(alice, "record " + i, "2026-0" + (1 + i % 3) + "-20T10:00:00.000000Z"));
        ObjectNode update = sdk.call("RecordsWrite.createFrom", null, SdkPeer.options()
                .<ObjectNode>set("recordsWriteMessage", writes.get(1)).<ObjectNode>set("data", SdkPeer.bytes(bytes("updated")))
                .set("signer", alice.signer())).get("message").deepCopy();
        twin.process(alice.did(), update, bytes("updated")); // the older write's event leaves the log
        ObjectNode delete = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", writes.get(4).get("recordId").asText())
                .set("signer", alice.signer()));
        twin.process(alice.did(), delete);

        assertThat(query(alice, SdkPeer.options()).sdk().entries()).hasSizeGreaterThan(3);
        query(alice, SdkPeer.options().set("filters", filters(SdkPeer.options().put("interface", "Records").put("method", "Delete"))));
        query(alice, SdkPeer.options().set("filters", filters(SdkPeer.options().put("method", "Write"),
                SdkPeer.options().set("messageTimestamp", SdkPeer.options().put("from", "2026-02-01T00:00:00.000000Z")))));
        query(alice, SdkPeer.options().set("filters", filters(SdkPeer.options()
                .set("messageTimestamp", SdkPeer.options().put("from", "2026-01-01T00:00:00.000000Z").put("to", "2026-02-15T10:00:00.000000Z")))));
        query(alice, SdkPeer.options().set("filters", filters(SdkPeer.options().put("interface", "Protocols"))));

        // resume after the first page: each side with its own cursor for the same event
        ObjectNode sdkCursor = (ObjectNode) firstPage.sdk().body().get("cursor");
        ObjectNode cairnCursor = (ObjectNode) firstPage.cairn().body().get("cursor");
        SdkPeer.Reply sdkAfter = sdk.process(alice.did(), sdk.create("MessagesQuery", SdkPeer.options()
                .<ObjectNode>set("cursor", sdkCursor).set("signer", alice.signer())));
        DwnReply cairnAfter = cairn(alice.did(), sdk.create("MessagesQuery", SdkPeer.options()
                .<ObjectNode>set("cursor", cairnCursor).set("signer", alice.signer())));
        assertThat(cairnAfter.statusCode()).isEqualTo(sdkAfter.status()).isEqualTo(200);
        assertThat(sdkAfter.entries()).isNotEmpty();
        assertThat(cairnAfter.body().get("entries")).isEqualTo(sdkAfter.body().get("entries"));
        assertThat(cairnAfter.body().at("/cursor/messageCid")).isEqualTo(sdkAfter.body().at("/cursor/messageCid"));
    }

    @Test
    void onlyTheTenantOrAGranteeMayQueryAndTamperingIsCaught() {
        write(alice, "private", null);
        query(bob, SdkPeer.options()); // 401 MessagesQueryAuthorizationFailed
        ObjectNode query = sdk.create("MessagesQuery", SdkPeer.options().set("signer", alice.signer()));
        ObjectNode tampered = query.deepCopy();
        ((ObjectNode) tampered.get("descriptor")).put("messageTimestamp", "2020-01-01T00:00:00.000000Z");
        twin.process(alice.did(), tampered); // 400: descriptorCid mismatch
        ObjectNode unknownProperty = query.deepCopy();
        ((ObjectNode) unknownProperty.get("descriptor")).put("unknown", true);
        twin.process(alice.did(), unknownProperty); // 400: schema
        ObjectNode notNormalized = sdk.create("MessagesQuery", SdkPeer.options().set("signer", alice.signer()));
        ((ArrayNode) ((ObjectNode) notNormalized.get("descriptor")).putArray("filters")).addObject().put("protocol", "example.com/p/");
        twin.process(alice.did(), notNormalized); // 400 (descriptorCid or URL, whichever the SDK checks first)

        JsonNode grant = sdk.call("PermissionsProtocol.createGrant", "grant", SdkPeer.options()
                .<ObjectNode>set("signer", alice.signer()).put("grantedTo", bob.did())
                .put("dateExpires", "2099-01-01T00:00:00.000000Z")
                .set("scope", SdkPeer.options().put("interface", "Messages").put("method", "Query")));
        ObjectNode grantWrite = grant.get("recordsWrite").get("message").deepCopy();
        twin.process(alice.did(), grantWrite, SdkPeer.bytesOf(grant.get("permissionGrantBytes")));
        String grantId = grantWrite.get("recordId").asText();
        query(bob, SdkPeer.options().put("permissionGrantId", grantId)); // 200
        twin.process(alice.did(), sdk.create("MessagesRead", SdkPeer.options()
                .put("messageCid", sdk.messageCid(grantWrite)).put("permissionGrantId", grantId).set("signer", bob.signer()))); // grant is for Query: 401
        query(bob, SdkPeer.options().put("permissionGrantId", "bafyreigrantthatdoesnotexist")); // 401 grant missing
    }

    @Test
    void aProtocolFilterAlsoSelectsPermissionRecordsAndScopesGrants() throws Exception {
        String protocol = "https://cairn.example/protocols/chat";
        ObjectNode definition = (ObjectNode) Twin.JSON.readTree("""
                {"protocol": "%s", "published": true, "types": {"message": {"dataFormats": ["text/plain"]}},
                 "structure": {"message": {"$actions": [{"who": "anyone", "can": ["create"]}]}}}""".formatted(protocol));
        twin.process(alice.did(), sdk.create("ProtocolsConfigure", SdkPeer.options().<ObjectNode>set("definition", definition)
                .set("signer", alice.signer())));
        byte[] data = bytes("hello chat");
        twin.process(alice.did(), sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", bob.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain")
                .put("protocol", protocol).put("protocolPath", "message")), data);
        write(alice, "outside the protocol", null);
        JsonNode grant = sdk.call("PermissionsProtocol.createGrant", null, SdkPeer.options()
                .<ObjectNode>set("signer", alice.signer()).put("grantedTo", bob.did())
                .put("dateExpires", "2099-01-01T00:00:00.000000Z")
                .set("scope", SdkPeer.options().put("interface", "Messages").put("method", "Query").put("protocol", protocol)));
        ObjectNode grantWrite = grant.get("recordsWrite").get("message").deepCopy();
        twin.process(alice.did(), grantWrite, SdkPeer.bytesOf(grant.get("permissionGrantBytes")));
        String grantId = grantWrite.get("recordId").asText();

        Pair inProtocol = query(alice, SdkPeer.options().set("filters", filters(SdkPeer.options().put("protocol", protocol))));
        assertThat(inProtocol.sdk().entries()).hasSize(3); // the configure, the chat message and the grant tagged with the protocol
        query(bob, SdkPeer.options().put("permissionGrantId", grantId)
                .set("filters", filters(SdkPeer.options().put("protocol", protocol)))); // 200
        query(bob, SdkPeer.options().put("permissionGrantId", grantId)); // 401: no filter keeps to the granted protocol
        query(bob, SdkPeer.options().put("permissionGrantId", grantId)
                .set("filters", filters(SdkPeer.options().put("protocol", protocol), SdkPeer.options().put("interface", "Records")))); // 401
    }

    @Test
    void readReturnsTheMessageAndItsData() {
        ObjectNode write = write(alice, "readable data", null);
        String cid = sdk.messageCid(write);
        twin.process(alice.did(), messagesRead(alice, cid));
        byte[] large = new byte[40_000]; // above the inline threshold: the data comes from the data store
        for (int i = 0; i < large.length; i++) large[i] = (byte) (i * 31);
        ObjectNode bigWrite = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(large)).put("dataFormat", "application/octet-stream"));
        twin.process(alice.did(), bigWrite, large);
        twin.process(alice.did(), messagesRead(alice, sdk.messageCid(bigWrite)));
        twin.process(alice.did(), messagesRead(alice, "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua")); // 404
        twin.process(alice.did(), messagesRead(bob, cid)); // 401
        ObjectNode badCid = messagesRead(alice, cid);
        ((ObjectNode) badCid.get("descriptor")).put("messageCid", "not-a-cid");
        twin.process(alice.did(), badCid); // 400
    }

    @Test
    void readOfAReplacedInitialWriteHasNoData() {
        byte[] big = new byte[31_000];
        java.util.Arrays.fill(big, (byte) 7);
        ObjectNode initial = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(big)).put("dataFormat", "application/octet-stream"));
        twin.process(alice.did(), initial, big);
        byte[] bigger = new byte[32_000];
        java.util.Arrays.fill(bigger, (byte) 9);
        ObjectNode update = sdk.call("RecordsWrite.createFrom", null, SdkPeer.options()
                .<ObjectNode>set("recordsWriteMessage", initial).<ObjectNode>set("data", SdkPeer.bytes(bigger))
                .set("signer", alice.signer())).get("message").deepCopy();
        twin.process(alice.did(), update, bigger);
        SdkPeer.Reply initialRead = twin.process(alice.did(), messagesRead(alice, sdk.messageCid(initial)));
        assertThat(initialRead.status()).isEqualTo(200);
        assertThat(initialRead.data()).isNull();
        assertThat(twin.process(alice.did(), messagesRead(alice, sdk.messageCid(update))).data()).isEqualTo(bigger);
    }

    @Test
    void aGrantScopedToAProtocolReadsOnlyThatProtocolsMessages() throws Exception {
        String protocol = "https://cairn.example/protocols/notes";
        ObjectNode definition = (ObjectNode) Twin.JSON.readTree("""
                {"protocol": "%s", "published": true, "types": {"note": {"dataFormats": ["text/plain"]}},
                 "structure": {"note": {}}}""".formatted(protocol));
        ObjectNode configure = sdk.create("ProtocolsConfigure", SdkPeer.options().<ObjectNode>set("definition", definition)
                .set("signer", alice.signer()));
        twin.process(alice.did(), configure);
        twin.process(alice.did(), messagesRead(bob, sdk.messageCid(configure))); // 401 without a grant, even published
        byte[] data = bytes("a note");
        ObjectNode note = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain")
                .put("protocol", protocol).put("protocolPath", "note"));
        twin.process(alice.did(), note, data);
        ObjectNode plain = write(alice, "not in the protocol", null);
        ObjectNode deleteNote = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", note.get("recordId").asText())
                .set("signer", alice.signer()));
        twin.process(alice.did(), deleteNote);

        JsonNode grant = sdk.call("PermissionsProtocol.createGrant", null, SdkPeer.options()
                .<ObjectNode>set("signer", alice.signer()).put("grantedTo", bob.did())
                .put("dateExpires", "2099-01-01T00:00:00.000000Z")
                .set("scope", SdkPeer.options().put("interface", "Messages").put("method", "Read").put("protocol", protocol)));
        ObjectNode grantWrite = grant.get("recordsWrite").get("message").deepCopy();
        twin.process(alice.did(), grantWrite, SdkPeer.bytesOf(grant.get("permissionGrantBytes")));
        String grantId = grantWrite.get("recordId").asText();

        List<Integer> statuses = new ArrayList<>();
        for (ObjectNode target : List.of(configure, note, plain, deleteNote, grantWrite)) {
            statuses.add(twin.process(alice.did(), sdk.create("MessagesRead", SdkPeer.options().put("messageCid", sdk.messageCid(target))
                    .put("permissionGrantId", grantId).set("signer", bob.signer()))).status());
        }
        assertThat(statuses).containsExactly(200, 200, 401, 200, 200);
    }

    @Test
    void subscriptionsSeeTheSameEventsInTheSameOrderUntilClosed() {
        ObjectNode subscribeAll = sdk.create("MessagesSubscribe", SdkPeer.options().set("signer", alice.signer()));
        ObjectNode subscribeDeletes = sdk.create("MessagesSubscribe", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                .set("filters", filters(SdkPeer.options().put("method", "Delete"))));
        Subscribed all = subscribe(alice.did(), subscribeAll);
        Subscribed deletes = subscribe(alice.did(), subscribeDeletes);
        twin.process(bob.did(), sdk.create("MessagesSubscribe", SdkPeer.options().set("signer", alice.signer()))); // another tenant's: 401
        SdkPeer.Reply notNormalized = twin.process(alice.did(), sdk.create("MessagesSubscribe", SdkPeer.options() // create does not normalize
                .<ObjectNode>set("filters", filters(SdkPeer.options().put("protocol", "cairn.example/p/"))).set("signer", alice.signer())));
        assertThat(notNormalized.status()).isEqualTo(400);

        ObjectNode first = write(alice, "one", null);
        write(alice, "two", null);
        twin.process(alice.did(), sdk.create("RecordsDelete", SdkPeer.options().put("recordId", first.get("recordId").asText())
                .set("signer", alice.signer())));
        write(bob, "bob's own", null); // bob's DWN: not alice's events

        assertSameEvents(all, 3);
        assertSameEvents(deletes, 1);
        sdk.unsubscribe(all.sdkId());
        all.cairnSubscription().close();
        write(alice, "three", null);
        assertThat(all.cairnEvents()).hasSize(3);
        assertSameEvents(deletes, 1);
    }

    private record Pair(SdkPeer.Reply sdk, DwnReply cairn) {}

    private record Subscribed(String sdkId, io.cairn.dwn.Subscription cairnSubscription, List<ObjectNode> cairnEvents) {}

    private void assertSameEvents(Subscribed subscribed, int expected) {
        List<ObjectNode> sdkEvents = sdk.events(subscribed.sdkId(), expected, Duration.ofSeconds(5));
        assertThat(sdkEvents).hasSize(expected);
        JsonNode ours = Twin.JSON.valueToTree(subscribed.cairnEvents());
        JsonNode theirs = Twin.JSON.valueToTree(sdkEvents);
        assertThat(ours).isEqualTo(theirs);
    }

    private Subscribed subscribe(String tenant, ObjectNode subscribe) {
        SdkPeer.Reply expected = sdk.process(tenant, subscribe);
        List<ObjectNode> events = new CopyOnWriteArrayList<>();
        DwnReply actual = twin.cairn.processMessage(tenant, subscribe.deepCopy(), new MessageProcessor.ProcessOptions(null, events::add));
        assertThat(actual.statusCode()).isEqualTo(expected.status()).isEqualTo(200);
        assertThat(actual.body()).isEqualTo(expected.body());
        return new Subscribed(expected.subscriptionId(), actual.subscription(), events);
    }

    /** Both sides; entries and the cursor's event must agree, the cursor's value is each side's watermark. */
    private Pair query(SdkPeer.Persona author, ObjectNode options) {
        ObjectNode message = sdk.create("MessagesQuery", options.deepCopy().set("signer", author.signer()));
        SdkPeer.Reply expected = sdk.process(alice.did(), message);
        DwnReply actual = cairn(alice.did(), message);
        assertThat(actual.statusCode()).as(expected.detail()).isEqualTo(expected.status());
        assertThat(actual.body().path("status").path("detail").asText()).isEqualTo(expected.detail());
        assertThat(actual.body().get("entries")).isEqualTo(expected.body().get("entries"));
        assertThat(actual.body().at("/cursor/messageCid")).isEqualTo(expected.body().at("/cursor/messageCid"));
        assertThat(actual.body().has("cursor")).isEqualTo(expected.body().has("cursor"));
        if (actual.body().has("cursor")) assertThat(actual.body().at("/cursor/value").asText()).matches("[0-9A-HJKMNP-TV-Z]{26}");
        return new Pair(expected, actual);
    }

    private DwnReply cairn(String tenant, ObjectNode message) {
        return twin.cairn.processMessage(tenant, message.deepCopy(), MessageProcessor.ProcessOptions.NONE);
    }

    private ObjectNode messagesRead(SdkPeer.Persona author, String messageCid) {
        return sdk.create("MessagesRead", SdkPeer.options().put("messageCid", messageCid).set("signer", author.signer()));
    }

    private ObjectNode write(SdkPeer.Persona author, String text, String timestamp) {
        byte[] data = bytes(text);
        ObjectNode options = SdkPeer.options().<ObjectNode>set("signer", author.signer())
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain").put("schema", SCHEMA);
        if (timestamp != null) options.put("messageTimestamp", timestamp).put("dateCreated", timestamp);
        ObjectNode write = sdk.create("RecordsWrite", options);
        twin.process(author.did(), write, data);
        return write;
    }

    private static ArrayNode filters(ObjectNode... filters) {
        ArrayNode array = Twin.JSON.createArrayNode();
        for (ObjectNode f : filters) array.add(f);
        return array;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
