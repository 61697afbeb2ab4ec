package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.client.RecordsDeleteBuilder;
import io.cairn.dwn.client.RecordsQueryBuilder;
import io.cairn.dwn.client.RecordsWriteBuilder;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PrivateKeySigner;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.InMemoryDataStore;
import io.cairn.dwn.store.InMemoryEventLog;
import io.cairn.dwn.store.InMemoryMessageStore;
import io.cairn.dwn.store.InMemoryResumableTaskStore;
import io.cairn.dwn.store.ResumableTaskStore;
import io.cairn.dwn.testing.UnixfsDataCids;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the SDK's single-threaded Dwn gets for free and Cairn must guarantee itself: concurrent writes to
 * one record end in the state a sequential run would reach, and a RecordsDelete interrupted after it was
 * registered as a resumable task is finished when the DWN opens again. The signer is an SDK persona, the
 * messages are built by Cairn's client builders.
 */
class RecordConcurrencyAndRecoveryTest {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static SdkPeer sdk;
    private static SdkPeer.Persona alice;
    private static Signer signer;

    @BeforeAll
    static void start() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        signer = new PrivateKeySigner(PrivateJwk.fromJson(alice.privateJwk()), alice.keyId());
    }

    @AfterAll
    static void stop() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void concurrentUpdatesOfOneRecordEndInTheNewestState() throws Exception {
        InMemoryMessageStore messages = new InMemoryMessageStore();
        Dwn dwn = dwn(messages, new InMemoryResumableTaskStore());
        Instant created = Instant.now().minus(1, ChronoUnit.HOURS);
        byte[] first = bytes("v0");
        ObjectNode initial = new RecordsWriteBuilder().data(first).dataFormat("text/plain").schema("https://cairn.example/s")
            .dateCreated(MICROS.format(created)).messageTimestamp(MICROS.format(created)).sign(signer);
        assertThat(process(dwn, initial, first).statusCode()).isEqualTo(202);
        String recordId = initial.get("recordId").asText();

        int updates = 32;
        List<ObjectNode> writes = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (int i = 1; i <= updates; i++) {
            byte[] d = bytes("v" + i);
            data.add(d);
            writes.add(new RecordsWriteBuilder().data(d).dataFormat("text/plain").schema("https://cairn.example/s").recordId(recordId)
                .dateCreated(MICROS.format(created)).messageTimestamp(MICROS.format(created.plusMillis(i))).sign(signer));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i : order) {
            statuses.add(pool.submit(() -> {
                go.await();
                return process(dwn, writes.get(i), data.get(i)).statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isIn(202, 409);
        }
        pool.shutdown();

        Filter ofRecord = new Filter(Map.of("recordId", new FilterValue.Equal(recordId)));
        List<ObjectNode> stored = messages.query(alice.did(), List.of(ofRecord), null, null).messages();
        assertThat(stored).as("the initial write and the newest update, nothing in between").hasSize(2);
        DwnReply query = dwn.processMessage(alice.did(), new RecordsQueryBuilder(
            JsonNodeFactory.instance.objectNode().put("recordId", recordId)).sign(signer), MessageProcessor.ProcessOptions.NONE);
        assertThat(query.body().at("/entries/0/descriptor/messageTimestamp").asText())
            .isEqualTo(writes.get(updates - 1).at("/descriptor/messageTimestamp").asText());
        assertThat(query.body().at("/entries/0/encodedData").asText()).isEqualTo(io.cairn.dwn.message.Jws.bytesToBase64Url(data.get(updates - 1)));
    }

    @Test
    void aDeleteInterruptedAfterRegistrationIsFinishedOnTheNextOpen() {
        InMemoryMessageStore messages = new InMemoryMessageStore();
        InMemoryResumableTaskStore tasks = new InMemoryResumableTaskStore();
        Dwn before = dwn(messages, tasks);
        byte[] data = bytes("to be deleted");
        ObjectNode write = new RecordsWriteBuilder().data(data).dataFormat("text/plain").sign(signer);
        assertThat(process(before, write, data).statusCode()).isEqualTo(202);
        ObjectNode delete = new RecordsDeleteBuilder(write.get("recordId").asText()).sign(signer);

        // the crash: the task is registered (as RecordsDeleteHandler does) but never ran
        ObjectNode task = JsonNodeFactory.instance.objectNode().put("name", "RecordsDelete");
        task.putObject("data").put("tenant", alice.did()).set("message", delete);
        ResumableTaskStore.ManagedTask registered = tasks.register(task, 0);

        Dwn after = dwn(messages, tasks);
        assertThat(tasks.read(registered.id())).isEmpty();
        Filter ofRecord = new Filter(Map.of("recordId", new FilterValue.Equal(write.get("recordId").asText()), "method", new FilterValue.Equal("Delete")));
        assertThat(messages.query(alice.did(), List.of(ofRecord), null, null).messages()).hasSize(1);
        DwnReply again = after.processMessage(alice.did(), delete, MessageProcessor.ProcessOptions.NONE);
        assertThat(again.statusCode()).isEqualTo(404);
    }

    private static Dwn dwn(InMemoryMessageStore messages, InMemoryResumableTaskStore tasks) {
        return Dwn.builder().messageStore(messages).dataStore(new InMemoryDataStore(UnixfsDataCids.computer()))
            .eventLog(new InMemoryEventLog()).resumableTaskStore(tasks).didResolver(Twin.RESOLVER)
            .dataCidComputer(UnixfsDataCids.computer()).build();
    }

    private static DwnReply process(Dwn dwn, ObjectNode message, byte[] data) {
        return dwn.processMessage(alice.did(), message.deepCopy(), new MessageProcessor.ProcessOptions(new ByteArrayInputStream(data), null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
