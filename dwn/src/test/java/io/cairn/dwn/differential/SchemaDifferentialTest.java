package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.interop.SdkPeer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed messages: each Records message built by the SDK is mutated at every property (removed,
 * replaced by values of every JSON type, an extra property added to every object) and processed both by
 * the SDK's Dwn and by Cairn's; the status code and detail must be the same for every mutant. This is how
 * the JSON-schema validator is held to Ajv's keyword order and messages.
 */
class SchemaDifferentialTest {
    private static SdkPeer sdk;
    private static SdkPeer.Persona alice;
    private static SdkPeer.Persona bob;

    @BeforeAll
    static void start() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        bob = sdk.persona("bob");
    }

    @AfterAll
    static void stop() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void recordsWriteMutants() {
        byte[] data = "mutated".getBytes(StandardCharsets.UTF_8);
        ObjectNode write = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
            .<ObjectNode>set("data", SdkPeer.bytes(data)).put("dataFormat", "text/plain").put("schema", "https://cairn.example/s")
            .put("recipient", bob.did()).put("published", true)
            .<ObjectNode>set("tags", SdkPeer.options().put("kind", "a").put("n", 3).<ObjectNode>set("list", JsonNodeFactory.instance.arrayNode().add("x").add("y")))
            .set("attestationSigners", JsonNodeFactory.instance.arrayNode().add(alice.signer())));
        assertAllAgree(alice.did(), write, data);
    }

    @Test
    void recordsQueryReadDeleteSubscribeMutants() {
        ObjectNode filter = SdkPeer.options().put("schema", "https://cairn.example/s").put("recipient", bob.did())
            .put("dataFormat", "text/plain").put("published", true)
            .<ObjectNode>set("dateCreated", SdkPeer.options().put("from", "2020-01-01T00:00:00.000000Z").put("to", "2030-01-01T00:00:00.000000Z"))
            .<ObjectNode>set("tags", SdkPeer.options().put("kind", "a").<ObjectNode>set("n", SdkPeer.options().put("gt", 1).put("lte", 9)))
            .set("dataSize", SdkPeer.options().put("gte", 1));
        ObjectNode query = sdk.create("RecordsQuery", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
            .<ObjectNode>set("filter", filter).<ObjectNode>put("dateSort", "createdDescending")
            .set("pagination", SdkPeer.options().put("limit", 3)));
        assertAllAgree(alice.did(), query, null);
        ObjectNode read = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
            .set("filter", SdkPeer.options().put("recordId", "bafyreigqnvzzdrwp3tw3vrnrq7vd2xqi2sb3mgwwfjbnyomyrrq6eqbxhm")));
        assertAllAgree(alice.did(), read, null);
        ObjectNode delete = sdk.create("RecordsDelete", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
            .put("recordId", "bafyreigqnvzzdrwp3tw3vrnrq7vd2xqi2sb3mgwwfjbnyomyrrq6eqbxhm"));
        assertAllAgree(alice.did(), delete, null);
    }

    private static void assertAllAgree(String tenant, ObjectNode original, byte[] data) {
        List<ObjectNode> mutants = new ArrayList<>();
        mutate(original, original, "", mutants::add);
        List<String> disagreements = new ArrayList<>();
        sdk.reset();
        Dwn cairn = Twin.newCairn();
        for (ObjectNode mutant : mutants) {
            SdkPeer.Reply expected = sdk.process(tenant, mutant, data);
            DwnReply actual = cairn.processMessage(tenant, mutant.deepCopy(),
                new MessageProcessor.ProcessOptions(data == null ? null : new ByteArrayInputStream(data), null));
            String actualDetail = actual.body().path("status").path("detail").asText();
            if (actual.statusCode() != expected.status() || !actualDetail.equals(expected.detail())) {
                disagreements.add(LABELS.get(mutant) + "\n   sdk:   " + expected.status() + " " + expected.detail()
                    + "\n   cairn: " + actual.statusCode() + " " + actualDetail);
            }
        }
        assertThat(mutants).hasSizeGreaterThan(40);
        assertThat(disagreements).as("mutants on which Cairn and the SDK disagree").isEmpty();
    }

    /** Every mutant of {@code node} (at {@code path} inside {@code root}), labelled in {@link #LABELS}. */
    private static void mutate(ObjectNode root, JsonNode node, String path, Consumer<ObjectNode> out) {
        if (node.isObject()) {
            emit(root, path, "add property 'extra'", target -> ((ObjectNode) target).put("extra", 1), out);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            for (String key : keys) {
                emit(root, path, "remove " + key, target -> ((ObjectNode) target).remove(key), out);
                String child = path + "/" + key;
                if (isSignatureValue(child)) {
                    continue;
                }
                for (JsonNode replacement : replacements()) {
                    emit(root, path, "set " + key + " = " + replacement, target -> ((ObjectNode) target).set(key, replacement.deepCopy()), out);
                }
                mutate(root, node.get(key), child, out);
            }
        } else if (node.isArray()) {
            emit(root, path, "empty array", target -> ((ArrayNode) target).removeAll(), out);
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                for (JsonNode replacement : replacements()) {
                    emit(root, path, "item " + i + " = " + replacement, target -> ((ArrayNode) target).set(index, replacement.deepCopy()), out);
                }
                mutate(root, node.get(i), path + "/" + i, out);
            }
        }
    }

    /** The bytes of signatures and protected headers: changing them tests the curve library, not the DWN. */
    private static boolean isSignatureValue(String path) {
        return path.matches(".*/signatures/\\d+/(signature|protected)") || path.endsWith("/payload");
    }

    private static List<JsonNode> replacements() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return List.of(f.numberNode(123), f.numberNode(1.5), f.textNode("x"), f.textNode(""), f.booleanNode(true),
            f.nullNode(), f.objectNode(), f.arrayNode(), f.arrayNode().add("did:example:1"));
    }

    private static void emit(ObjectNode root, String path, String label, Consumer<JsonNode> change, Consumer<ObjectNode> out) {
        ObjectNode mutant = root.deepCopy();
        change.accept(path.isEmpty() ? mutant : mutant.at(path));
        out.accept(withLabel(mutant, (path.isEmpty() ? "/" : path) + ": " + label));
    }

    private static ObjectNode withLabel(ObjectNode mutant, String label) {
        LABELS.put(mutant, label);
        return mutant;
    }

    private static final java.util.IdentityHashMap<ObjectNode, String> LABELS = new java.util.IdentityHashMap<>();
}
