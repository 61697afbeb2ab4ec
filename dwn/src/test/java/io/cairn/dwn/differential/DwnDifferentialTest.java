package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.SdkPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Record life cycles, filters, sorting, pagination and rejections, built and signed by dwn-sdk-js 0.5.2
 * and processed both in its own Dwn and in Cairn's: every step must get the same status, detail and body.
 */
class DwnDifferentialTest {
    private static final String SCHEMA = "https://cairn.example/schemas/note";
    private static SdkPeer sdk;
    private static Twin twin;
    private static SdkPeer.Persona alice;
    private static SdkPeer.Persona bob;
    private static SdkPeer.Persona carol;

    @BeforeAll
    static void start() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        bob = sdk.persona("bob", "secp256k1");
        carol = sdk.persona("carol");
        twin = new Twin(sdk);
    }

    @AfterAll
    static void stop() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @BeforeEach
    void empty() {
        twin.reset();
    }

    @Test
    void writeUpdateReadQueryAndDelete() {
        byte[] data = bytes("first version");
        ObjectNode write = write(alice, data, o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), write, data);
        twin.process(alice.did(), write, data); // the same message again: 409

        byte[] newer = bytes("second version, longer");
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), read(alice, write.get("recordId").asText()));
        ObjectNode updated = createFrom(write, newer, alice);
        twin.process(alice.did(), updated, newer);
        twin.process(alice.did(), read(alice, write.get("recordId").asText()));
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));

        ObjectNode delete = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", write.get("recordId").asText())
            .set("signer", alice.signer()));
        twin.process(alice.did(), delete);
        twin.process(alice.did(), delete);
        twin.process(alice.did(), read(alice, write.get("recordId").asText()));
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), updated, newer); // a write after a delete
        assertThat(updated.get("recordId")).isEqualTo(write.get("recordId"));
    }

    @Test
    void olderUpdatesConflictAndImmutablePropertiesCannotChange() {
        byte[] data = bytes("v1");
        ObjectNode write = write(alice, data, o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), write, data);
        ObjectNode older = createFrom(write, bytes("v2"), alice);
        ObjectNode newer = createFrom(write, bytes("v3"), alice);
        twin.process(alice.did(), newer, bytes("v3"));
        twin.process(alice.did(), older, bytes("v2"));

        ObjectNode changedSchema = createFrom(write, bytes("v4"), alice);
        changedSchema.with("descriptor").put("schema", "https://cairn.example/schemas/other");
        twin.process(alice.did(), changedSchema, bytes("v4")); // signature no longer matches: 400 descriptorCid
    }

    @Test
    void initialWriteWithoutDataThenDataLater() {
        byte[] data = bytes("the data arrives later");
        ObjectNode write = write(alice, data, o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), write); // 204: accepted but not queryable
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), read(alice, write.get("recordId").asText()));
        ObjectNode update = createFrom(write, null, alice);
        twin.process(alice.did(), update); // no data anywhere: 400
        twin.process(alice.did(), write, data);
    }

    @Test
    void dataIntegrityIsChecked() {
        byte[] data = bytes("what the descriptor promises");
        ObjectNode write = write(alice, data, o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), write, bytes("something else entirely"));
        twin.process(alice.did(), write, bytes("what the descriptor promiseX"));
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        ObjectNode big = write(alice, large, o -> o.put("schema", SCHEMA));
        byte[] tampered = large.clone();
        tampered[299_999] ^= 1;
        twin.process(alice.did(), big, tampered);
        twin.process(alice.did(), big, large);
        twin.process(alice.did(), read(alice, big.get("recordId").asText()));
        ObjectNode bigger = write(alice, new byte[40_000], o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), bigger, new byte[40_000]);
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));
        ObjectNode noNewData = createFrom(big, null, alice);
        twin.process(alice.did(), noNewData);
        twin.process(alice.did(), read(alice, big.get("recordId").asText()));
    }

    @Test
    void signaturesAndAuthorsAreChecked() {
        byte[] data = bytes("signed");
        ObjectNode write = write(alice, data, o -> o.put("schema", SCHEMA));
        // a well-formed signature of another message: the curve accepts it, the verification fails
        ObjectNode other = write(alice, bytes("another message"), o -> o.put("schema", SCHEMA));
        ObjectNode tampered = write.deepCopy();
        ((ObjectNode) tampered.at("/authorization/signature/signatures/0"))
            .put("signature", other.at("/authorization/signature/signatures/0/signature").asText());
        twin.process(alice.did(), tampered, data);
        for (int position : new int[] {0, 20, 43, 60, 85}) {
            ObjectNode flipped = write.deepCopy();
            ObjectNode entry = (ObjectNode) flipped.at("/authorization/signature/signatures/0");
            String sig = entry.get("signature").asText();
            char c = sig.charAt(position);
            entry.put("signature", sig.substring(0, position) + (c == 'A' ? 'B' : 'A') + sig.substring(position + 1));
            twin.process(alice.did(), flipped, data);
        }

        ObjectNode wrongDescriptor = write.deepCopy();
        wrongDescriptor.with("descriptor").put("dataFormat", "text/html");
        twin.process(alice.did(), wrongDescriptor, data);

        ObjectNode wrongRecordId = write.deepCopy();
        wrongRecordId.put("recordId", "bafyreigqnvzzdrwp3tw3vrnrq7vd2xqi2sb3mgwwfjbnyomyrrq6eqbxhm");
        twin.process(alice.did(), wrongRecordId, data);

        ObjectNode byBob = write(bob, data, o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), byBob, data); // bob cannot write into alice's DWN
        twin.process(bob.did(), byBob, data);

        ObjectNode unsigned = write.deepCopy();
        unsigned.remove("authorization");
        twin.process(alice.did(), unsigned, data);
        twin.process(alice.did(), query(bob, SdkPeer.options().put("schema", SCHEMA)));
    }

    @Test
    void visibilityOfPublishedAndUnpublishedRecords() {
        List<ObjectNode> writes = new ArrayList<>();
        writes.add(write(alice, bytes("private"), o -> o.put("schema", SCHEMA)));
        writes.add(write(alice, bytes("public"), o -> o.put("schema", SCHEMA).put("published", true)));
        writes.add(write(alice, bytes("to bob"), o -> o.put("schema", SCHEMA).put("recipient", bob.did())));
        writes.add(write(alice, bytes("to carol"), o -> o.put("schema", SCHEMA).put("recipient", carol.did())));
        for (ObjectNode w : writes) {
            twin.process(alice.did(), w, data(w));
        }
        for (SdkPeer.Persona who : List.of(alice, bob, carol)) {
            twin.process(alice.did(), query(who, SdkPeer.options().put("schema", SCHEMA)));
            twin.process(alice.did(), query(who, SdkPeer.options().put("schema", SCHEMA).put("published", false)));
            twin.process(alice.did(), query(who, SdkPeer.options().put("schema", SCHEMA).put("published", true)));
            twin.process(alice.did(), query(who, SdkPeer.options().put("recipient", bob.did())));
            for (ObjectNode w : writes) {
                twin.process(alice.did(), read(who, w.get("recordId").asText()));
            }
        }
        ObjectNode anonymous = sdk.create("RecordsQuery", SdkPeer.options().set("filter", SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), anonymous);
        ObjectNode anonymousRead = sdk.create("RecordsRead", SdkPeer.options().set("filter",
            SdkPeer.options().put("recordId", writes.get(1).get("recordId").asText())));
        twin.process(alice.did(), anonymousRead);
    }

    @Test
    void filtersSortsAndPages() {
        for (int i = 0; i < 12; i++) {
            int n = i;
            ObjectNode w = write(alice, bytes("note " + i), o -> {
                o.put("schema", SCHEMA).put("dataFormat", n % 2 == 0 ? "text/plain" : "application/json");
                if (n % 3 == 0) {
                    o.put("published", true);
                }
                if (n % 4 == 0) {
                    o.put("recipient", bob.did());
                }
                o.set("tags", SdkPeer.options().put("kind", "k" + (n % 3)).put("size", n));
            });
            twin.process(alice.did(), w, data(w));
        }
        List<ObjectNode> filters = List.of(
            SdkPeer.options().put("schema", SCHEMA),
            SdkPeer.options().put("dataFormat", "text/plain"),
            SdkPeer.options().put("published", true),
            SdkPeer.options().put("recipient", bob.did()),
            SdkPeer.options().set("tags", SdkPeer.options().put("kind", "k1")),
            SdkPeer.options().set("tags", SdkPeer.options().set("size", SdkPeer.options().put("gte", 3).put("lt", 8))),
            SdkPeer.options().set("tags", SdkPeer.options().set("kind", SdkPeer.options().put("startsWith", "k"))),
            SdkPeer.options().set("dataSize", SdkPeer.options().put("gt", 6)),
            SdkPeer.options().set("dateCreated", SdkPeer.options().put("from", "2000-01-01T00:00:00.000000Z")));
        List<String> sorts = List.of("createdAscending", "createdDescending", "publishedAscending", "publishedDescending");
        for (ObjectNode filter : filters) {
            for (String sort : sorts) {
                ObjectNode all = SdkPeer.options().<ObjectNode>set("filter", filter).put("dateSort", sort);
                twin.process(alice.did(), queryWith(alice, all.deepCopy()));
                // walk the pages with the SDK's cursors
                JsonNode cursor = null;
                for (int page = 0; page < 6; page++) {
                    ObjectNode options = all.deepCopy();
                    ObjectNode pagination = options.putObject("pagination").put("limit", 5);
                    if (cursor != null) {
                        pagination.set("cursor", cursor);
                    }
                    SdkPeer.Reply reply = twin.process(alice.did(), queryWith(alice, options));
                    cursor = reply.body().get("cursor");
                    if (cursor == null) {
                        break;
                    }
                }
            }
        }
        twin.process(alice.did(), queryWith(bob, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("schema", SCHEMA))
            .<ObjectNode>put("dateSort", "createdDescending").set("pagination", SdkPeer.options().put("limit", 2))));
    }

    @Test
    void pruneDeletesDescendants() {
        byte[] data = bytes("parent");
        ObjectNode parent = write(alice, data, o -> o.put("schema", SCHEMA));
        twin.process(alice.did(), parent, data);
        ObjectNode prune = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", parent.get("recordId").asText())
            .put("prune", true).set("signer", alice.signer()));
        twin.process(alice.did(), prune);
        twin.process(alice.did(), prune);
        ObjectNode bobDelete = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", parent.get("recordId").asText())
            .set("signer", bob.signer()));
        twin.process(alice.did(), bobDelete);
        ObjectNode missing = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", "bafyreigqnvzzdrwp3tw3vrnrq7vd2xqi2sb3mgwwfjbnyomyrrq6eqbxhm")
            .set("signer", alice.signer()));
        twin.process(alice.did(), missing);
    }

    @Test
    void ownerSignaturesRetainRecordsAuthoredByOthers() {
        byte[] data = bytes("bob's record, kept by alice");
        sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", bob.signer()).<ObjectNode>set("data", SdkPeer.bytes(data))
            .put("dataFormat", "text/plain").put("schema", SCHEMA), "bobs");
        ObjectNode unsigned = (ObjectNode) sdk.get("bobs.message");
        twin.process(alice.did(), unsigned, data); // bob alone cannot write into alice's DWN
        sdk.call("bobs.signAsOwner", null, SdkPeer.signer("carol"));
        ObjectNode carolOwned = (ObjectNode) sdk.get("bobs.message");
        twin.process(alice.did(), carolOwned, data); // owner is not the tenant: 401
        sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", bob.signer()).<ObjectNode>set("data", SdkPeer.bytes(data))
            .put("dataFormat", "text/plain").put("schema", SCHEMA), "kept");
        sdk.call("kept.signAsOwner", null, SdkPeer.signer("alice"));
        ObjectNode owned = (ObjectNode) sdk.get("kept.message");
        twin.process(alice.did(), owned, data);
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), query(bob, SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), read(bob, owned.get("recordId").asText()));
        twin.process(alice.did(), read(carol, owned.get("recordId").asText()));
    }

    @Test
    void attestationsAreIndexedAndChecked() {
        byte[] data = bytes("attested");
        ObjectNode attested = write(alice, data, o -> o.put("schema", SCHEMA)
            .set("attestationSigners", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(carol.signer())));
        twin.process(alice.did(), attested, data);
        twin.process(alice.did(), query(alice, SdkPeer.options().put("attester", carol.did())));
        twin.process(alice.did(), query(alice, SdkPeer.options().put("attester", bob.did())));
        ObjectNode foreign = write(alice, bytes("other"), o -> o.put("schema", SCHEMA)
            .set("attestationSigners", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(bob.signer())));
        ObjectNode swapped = attested.deepCopy();
        swapped.set("attestation", foreign.get("attestation"));
        twin.process(alice.did(), swapped, data);
    }

    @Test
    void publishingLaterAndTheDateFilters() {
        List<ObjectNode> writes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode w = write(alice, bytes("draft " + i), o -> o.put("schema", SCHEMA));
            twin.process(alice.did(), w, data(w));
            writes.add(w);
        }
        for (int i = 0; i < 5; i += 2) {
            ObjectNode published = (ObjectNode) sdk.call("RecordsWrite.createFrom", null, SdkPeer.options()
                .<ObjectNode>set("recordsWriteMessage", writes.get(i)).<ObjectNode>put("published", true).set("signer", alice.signer())).get("message");
            twin.process(alice.did(), published);
        }
        String from = writes.get(1).at("/descriptor/dateCreated").asText();
        for (String sort : List.of("publishedAscending", "publishedDescending", "createdAscending")) {
            twin.process(alice.did(), queryWith(alice, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("schema", SCHEMA)).put("dateSort", sort)));
            twin.process(alice.did(), queryWith(bob, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("schema", SCHEMA)).put("dateSort", sort)));
            twin.process(alice.did(), queryWith(alice, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options()
                .set("dateUpdated", SdkPeer.options().put("from", from))).put("dateSort", sort)));
            twin.process(alice.did(), queryWith(alice, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options()
                .set("datePublished", SdkPeer.options().put("from", "2000-01-01T00:00:00.000000Z"))).put("dateSort", sort)));
            twin.process(alice.did(), queryWith(alice, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options()
                .set("dateCreated", SdkPeer.options().put("to", from))).put("dateSort", sort)));
        }
        ObjectNode unpublishedByPublication = queryWith(alice, SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("published", false))
            .put("dateSort", "createdAscending"));
        unpublishedByPublication.with("descriptor").put("dateSort", "publishedAscending"); // the SDK's builder refuses this combination
        twin.process(alice.did(), unpublishedByPublication);
        ObjectNode readMany = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
            .set("filter", SdkPeer.options().put("schema", SCHEMA)));
        twin.process(alice.did(), readMany); // several records match: 400
    }

    @Test
    void subscriptionsSeeTheSameEvents() {
        java.util.List<ObjectNode> cairnEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObjectNode subscribe = sdk.create("RecordsSubscribe", SdkPeer.options().<ObjectNode>set("signer", bob.signer())
            .set("filter", SdkPeer.options().put("schema", SCHEMA)));
        SdkPeer.Reply sdkReply = sdk.process(alice.did(), subscribe);
        io.cairn.dwn.DwnReply cairnReply = twin.cairn.processMessage(alice.did(), subscribe.deepCopy(),
            new io.cairn.dwn.MessageProcessor.ProcessOptions(null, cairnEvents::add));
        assertThat(cairnReply.statusCode()).isEqualTo(sdkReply.status());
        assertThat(cairnReply.body().at("/subscription/id").asText()).isEqualTo(sdkReply.subscriptionId());
        ObjectNode hidden = write(alice, bytes("unpublished"), o -> o.put("schema", SCHEMA));
        ObjectNode shown = write(alice, bytes("published"), o -> o.put("schema", SCHEMA).put("published", true));
        ObjectNode toBob = write(alice, bytes("to bob"), o -> o.put("schema", SCHEMA).put("recipient", bob.did()));
        for (ObjectNode w : List.of(hidden, shown, toBob)) {
            twin.process(alice.did(), w, data(w));
        }
        ObjectNode delete = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", toBob.get("recordId").asText())
            .set("signer", alice.signer()));
        twin.process(alice.did(), delete);
        // bob sees the published record and the one addressed to him, not its delete (a delete is not indexed as unpublished)
        List<ObjectNode> sdkEvents = sdk.events(sdkReply.subscriptionId(), 2, java.time.Duration.ofSeconds(5));
        assertThat(sdkEvents).hasSize(2);
        assertThat(cairnEvents.stream().map(e -> Twin.JSON.valueToTree(e).toString()).toList())
            .isEqualTo(sdkEvents.stream().map(e -> Twin.JSON.valueToTree(e).toString()).toList());
        cairnReply.subscription().close();
        sdk.unsubscribe(sdkReply.subscriptionId());
    }

    @Test
    void signedButInconsistentWritesAreRefusedAsTheSdkRefusesThem() {
        io.cairn.dwn.jose.Signer aliceKey = new io.cairn.dwn.jose.PrivateKeySigner(
            io.cairn.dwn.jose.PrivateJwk.fromJson(alice.privateJwk()), alice.keyId());
        String t0 = "2024-01-01T00:00:00.000000Z";
        String t1 = "2024-01-01T00:00:01.000000Z";
        String t2 = "2024-01-01T00:00:02.000000Z";
        byte[] data = bytes("consistent");
        ObjectNode initial = new io.cairn.dwn.client.RecordsWriteBuilder().data(data).dataFormat("text/plain").schema(SCHEMA)
            .dateCreated(t0).messageTimestamp(t0).sign(aliceKey);
        ObjectNode mismatchedDates = new io.cairn.dwn.client.RecordsWriteBuilder().data(data).dataFormat("text/plain").schema(SCHEMA)
            .dateCreated(t0).messageTimestamp(t1).sign(aliceKey);
        twin.process(alice.did(), mismatchedDates, data);
        ObjectNode impossibleDate = new io.cairn.dwn.client.RecordsWriteBuilder().data(data).dataFormat("text/plain").schema(SCHEMA)
            .dateCreated("2023-02-30T00:00:00.000000Z").messageTimestamp("2023-02-30T00:00:00.000000Z").sign(aliceKey);
        twin.process(alice.did(), impossibleDate, data);
        twin.process(alice.did(), initial, data);
        String recordId = initial.get("recordId").asText();
        java.util.function.Supplier<io.cairn.dwn.client.RecordsWriteBuilder> update = () -> new io.cairn.dwn.client.RecordsWriteBuilder()
            .recordId(recordId).dataFormat("text/plain").schema(SCHEMA).dateCreated(t0);
        twin.process(alice.did(), update.get().data(data).schema("https://cairn.example/schemas/other").messageTimestamp(t1).sign(aliceKey), data);
        twin.process(alice.did(), update.get().data(data).dateCreated(t1).messageTimestamp(t1).sign(aliceKey), data);
        twin.process(alice.did(), update.get().data(data).recipient(bob.did()).messageTimestamp(t1).sign(aliceKey), data);
        twin.process(alice.did(), update.get().dataCid("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", 0)
            .messageTimestamp(t1).sign(aliceKey));
        twin.process(alice.did(), update.get().dataCid(initial.at("/descriptor/dataCid").asText(), 999).messageTimestamp(t1).sign(aliceKey));
        twin.process(alice.did(), update.get().dataCid(initial.at("/descriptor/dataCid").asText(), data.length)
            .dataFormat("application/json").messageTimestamp(t2).sign(aliceKey));
        twin.process(alice.did(), update.get().data(bytes("at t1, older than t2")).messageTimestamp(t1).sign(aliceKey), bytes("at t1, older than t2"));
        ObjectNode sameTimeA = update.get().data(bytes("tie a")).messageTimestamp(t2).sign(aliceKey);
        ObjectNode sameTimeB = update.get().data(bytes("tie b")).messageTimestamp(t2).sign(aliceKey);
        twin.process(alice.did(), sameTimeA, bytes("tie a"));
        twin.process(alice.did(), sameTimeB, bytes("tie b"));
        twin.process(alice.did(), read(alice, recordId));
        twin.process(alice.did(), query(alice, SdkPeer.options().put("schema", SCHEMA)));
    }

    private static ObjectNode write(SdkPeer.Persona author, byte[] data, java.util.function.Consumer<ObjectNode> options) {
        ObjectNode o = SdkPeer.options().<ObjectNode>set("signer", author.signer()).<ObjectNode>set("data", SdkPeer.bytes(data))
            .put("dataFormat", "text/plain");
        options.accept(o);
        ObjectNode message = sdk.create("RecordsWrite", o);
        DATA.put(message.get("recordId").asText() + message.at("/descriptor/dataCid").asText(), data);
        return message;
    }

    private static final java.util.Map<String, byte[]> DATA = new java.util.HashMap<>();

    private static byte[] data(ObjectNode write) {
        return DATA.get(write.get("recordId").asText() + write.at("/descriptor/dataCid").asText());
    }

    private static ObjectNode createFrom(ObjectNode source, byte[] data, SdkPeer.Persona signer) {
        ObjectNode options = SdkPeer.options().<ObjectNode>set("recordsWriteMessage", source).set("signer", signer.signer());
        if (data != null) {
            options.set("data", SdkPeer.bytes(data));
        }
        return (ObjectNode) sdk.call("RecordsWrite.createFrom", null, options).get("message");
    }

    private static ObjectNode query(SdkPeer.Persona who, ObjectNode filter) {
        return queryWith(who, SdkPeer.options().set("filter", filter));
    }

    private static ObjectNode queryWith(SdkPeer.Persona who, ObjectNode options) {
        options.set("signer", who.signer());
        return sdk.create("RecordsQuery", options);
    }

    private static ObjectNode read(SdkPeer.Persona who, String recordId) {
        return sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", who.signer())
            .set("filter", SdkPeer.options().put("recordId", recordId)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
