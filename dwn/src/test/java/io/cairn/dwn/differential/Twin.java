package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.event.InMemoryEventStream;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.dwn.protocol.Protocols;
import io.cairn.dwn.store.InMemoryDataStore;
import io.cairn.dwn.store.InMemoryEventLog;
import io.cairn.dwn.store.InMemoryMessageStore;
import io.cairn.dwn.store.InMemoryResumableTaskStore;
import io.cairn.dwn.did.DidJwk;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.testing.UnixfsDataCids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The SDK's Dwn and Cairn's side by side: every message goes to both, and the replies must agree on the
 * status code, the detail, the whole reply body (entries, cursors, entry) and a read's data.
 */
final class Twin {
    static final ObjectMapper JSON = new ObjectMapper();

    /** did:key and did:jwk resolve offline, which is all the SDK's test personas need. */
    static final UniversalResolver RESOLVER = new UniversalResolver(java.util.List.of(DidKey.INSTANCE, DidJwk.INSTANCE));

    final SdkPeer sdk;
    private final Supplier<Dwn> cairnFactory;
    Dwn cairn;

    Twin(SdkPeer sdk) {
        this(sdk, Twin::newCairn);
    }

    /** With Cairn built by {@code cairnFactory} on every reset (e.g. on the RocksDB stores). */
    Twin(SdkPeer sdk, Supplier<Dwn> cairnFactory) {
        this.sdk = sdk;
        this.cairnFactory = cairnFactory;
        reset();
    }

    void reset() {
        sdk.reset();
        cairn = cairnFactory.get();
    }

    static Dwn newCairn() {
        InMemoryMessageStore messageStore = new InMemoryMessageStore();
        return Protocols.install(Dwn.builder(), messageStore)
            .messageStore(messageStore)
            .dataStore(new InMemoryDataStore(UnixfsDataCids.computer()))
            .eventLog(new InMemoryEventLog())
            .resumableTaskStore(new InMemoryResumableTaskStore())
            .eventStream(new InMemoryEventStream())
            .didResolver(RESOLVER)
            .dataCidComputer(UnixfsDataCids.computer())
            .build();
    }

    /** Processes the message in both and asserts they agree; returns the SDK's reply. */
    SdkPeer.Reply process(String tenant, JsonNode message, byte[] data) {
        SdkPeer.Reply expected = sdk.process(tenant, message, data);
        ObjectNode copy = (ObjectNode) message.deepCopy();
        InputStream stream = data == null ? null : new ByteArrayInputStream(data);
        DwnReply actual = cairn.processMessage(tenant, copy, new MessageProcessor.ProcessOptions(stream, null));
        String step = message.path("descriptor").path("interface").asText() + message.path("descriptor").path("method").asText();
        assertThat(actual.statusCode()).as("status of %s: %s", step, expected.detail()).isEqualTo(expected.status());
        assertThat(actual.body().path("status").path("detail").asText())
            .as("detail of %s", step).isEqualTo(expected.detail());
        assertThat(normalize(actual.body())).as("reply body of %s", step).isEqualTo(normalize(expected.body()));
        if (expected.data() != null || actual.data() != null) {
            assertThat(readAll(actual.data())).as("data of %s", step).isEqualTo(expected.data());
        }
        return expected;
    }

    SdkPeer.Reply process(String tenant, JsonNode message) {
        return process(tenant, message, null);
    }

    private static JsonNode normalize(JsonNode body) {
        try {
            return JSON.readTree(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        if (in == null) {
            return null;
        }
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
