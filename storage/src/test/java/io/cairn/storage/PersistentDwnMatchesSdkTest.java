package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.dwn.protocol.Protocols;
import io.cairn.ipfs.repo.Repo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn's Dwn on the persistent stores (DwnStores: RocksDB and the IPFS blockstore) answers as dwn-sdk-js
 * 0.5.2's Dwn on its Level stores: the same SDK-signed messages go to both, across a restart of Cairn's
 * node, and every reply (status, detail, entries, cursors, data) must agree. Deleted data is garbage-collected.
 */
class PersistentDwnMatchesSdkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "https://cairn.example/schemas/note";

    @TempDir
    Path dir;

    private SdkPeer sdk;
    private Repo repo;
    private DwnStores stores;
    private Dwn cairn;

    @AfterEach
    void stop() {
        closeCairn();
        if (sdk != null) sdk.close();
    }

    @Test
    void recordsLifeCycleAcrossARestart() throws Exception {
        sdk = SdkPeer.start();
        SdkPeer.Persona alice = sdk.persona("alice");
        SdkPeer.Persona bob = sdk.persona("bob");
        openCairn();

        List<ObjectNode> writes = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            byte[] bytes = ("note " + i + " ").repeat(i == 5 ? 40_000 : 1 + i).getBytes(StandardCharsets.UTF_8); // one above the 30 000-byte inline limit
            ObjectNode options = SdkPeer.options().<ObjectNode>set("signer", alice.signer()).<ObjectNode>set("data", SdkPeer.bytes(bytes))
                    .put("dataFormat", i % 2 == 0 ? "text/plain" : "application/json").put("schema", SCHEMA);
            if (i % 3 == 0) options.put("published", true);
            if (i % 4 == 0) options.put("recipient", bob.did());
            options.set("tags", SdkPeer.options().put("kind", "k" + (i % 3)).put("size", i));
            ObjectNode write = sdk.create("RecordsWrite", options);
            writes.add(write);
            data.add(bytes);
            process(alice.did(), write, bytes);
        }
        queries(alice, bob);

        // restart Cairn's node: everything must still be there
        closeCairn();
        openCairn();
        queries(alice, bob);
        for (int i = 0; i < writes.size(); i += 5) process(alice.did(), read(alice, writes.get(i).get("recordId").asText()), null);

        // an update, then a delete: the old data and, after the delete, the record's data are collectable
        byte[] newer = "a newer version of note 5".getBytes(StandardCharsets.UTF_8);
        ObjectNode update = (ObjectNode) sdk.call("RecordsWrite.createFrom", null, SdkPeer.options()
                .<ObjectNode>set("recordsWriteMessage", writes.get(5)).<ObjectNode>set("signer", alice.signer()).set("data", SdkPeer.bytes(newer))).get("message");
        process(alice.did(), update, newer);
        long blocksBefore = repo.blockstore().stats().blockCount();
        repo.collectGarbage();
        assertThat(repo.blockstore().stats().blockCount()).as("the replaced 280 KB data is gone").isLessThan(blocksBefore);
        process(alice.did(), read(alice, writes.get(5).get("recordId").asText()), null);

        ObjectNode delete = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", writes.get(7).get("recordId").asText())
                .set("signer", alice.signer()));
        process(alice.did(), delete, null);
        process(alice.did(), read(alice, writes.get(7).get("recordId").asText()), null);
        closeCairn();
        openCairn();
        queries(alice, bob);
    }

    private void queries(SdkPeer.Persona alice, SdkPeer.Persona bob) {
        List<ObjectNode> filters = List.of(
                SdkPeer.options().put("schema", SCHEMA),
                SdkPeer.options().put("dataFormat", "text/plain"),
                SdkPeer.options().put("published", true),
                SdkPeer.options().put("recipient", bob.did()),
                SdkPeer.options().set("tags", SdkPeer.options().put("kind", "k1")),
                SdkPeer.options().set("tags", SdkPeer.options().set("size", SdkPeer.options().put("gte", 3).put("lt", 15))));
        for (ObjectNode filter : filters) {
            for (String sort : List.of("createdAscending", "createdDescending", "publishedDescending")) {
                JsonNode cursor = null;
                for (int page = 0; page < 10; page++) {
                    ObjectNode options = SdkPeer.options().<ObjectNode>set("filter", filter.deepCopy()).put("dateSort", sort);
                    ObjectNode pagination = options.putObject("pagination").put("limit", 4);
                    if (cursor != null) pagination.set("cursor", cursor);
                    options.set("signer", alice.signer());
                    SdkPeer.Reply reply = process(alice.did(), sdk.create("RecordsQuery", options), null);
                    cursor = reply.body().get("cursor");
                    if (cursor == null) break;
                }
            }
        }
        ObjectNode asBob = SdkPeer.options().<ObjectNode>set("filter", SdkPeer.options().put("schema", SCHEMA)).put("dateSort", "createdDescending");
        asBob.set("signer", bob.signer());
        process(alice.did(), sdk.create("RecordsQuery", asBob), null);
    }

    private ObjectNode read(SdkPeer.Persona who, String recordId) {
        return sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", who.signer())
                .set("filter", SdkPeer.options().put("recordId", recordId)));
    }

    private SdkPeer.Reply process(String tenant, JsonNode message, byte[] data) {
        SdkPeer.Reply expected = sdk.process(tenant, message, data);
        InputStream stream = data == null ? null : new ByteArrayInputStream(data);
        DwnReply actual = cairn.processMessage(tenant, (ObjectNode) message.deepCopy(), new MessageProcessor.ProcessOptions(stream, null));
        String step = message.path("descriptor").path("interface").asText() + message.path("descriptor").path("method").asText();
        assertThat(actual.statusCode()).as("status of %s: %s", step, expected.detail()).isEqualTo(expected.status());
        assertThat(reparse(actual.body())).as("reply body of %s", step).isEqualTo(reparse(expected.body()));
        if (expected.data() != null || actual.data() != null) {
            try (InputStream in = actual.data()) {
                assertThat(in == null ? null : in.readAllBytes()).as("data of %s", step).isEqualTo(expected.data());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return expected;
    }

    private static JsonNode reparse(JsonNode body) {
        try {
            return JSON.readTree(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void openCairn() {
        repo = Repo.open(dir.resolve("repo"));
        stores = DwnStores.open(repo);
        cairn = Protocols.install(Dwn.builder(), stores.messageStore())
                .messageStore(stores.messageStore())
                .dataStore(stores.dataStore())
                .eventLog(stores.eventLog())
                .resumableTaskStore(stores.resumableTaskStore())
                .didResolver(new io.cairn.dwn.did.UniversalResolver(java.util.List.of(io.cairn.dwn.did.DidKey.INSTANCE, io.cairn.dwn.did.DidJwk.INSTANCE)))
                .dataCidComputer(stores.dataCidComputer())
                .transactions(stores.transactions())
                .build();
    }

    private void closeCairn() {
        if (stores != null) stores.close();
        if (repo != null) repo.close();
        stores = null;
        repo = null;
    }
}
