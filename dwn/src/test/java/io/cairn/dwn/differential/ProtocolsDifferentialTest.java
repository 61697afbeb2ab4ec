package io.cairn.dwn.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.dwn.interop.SdkPeer.Persona;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol flows built and signed by dwn-sdk-js 0.5.2 and processed both in its own Dwn and in Cairn's:
 * configuration and visibility, the definition rules, records under a protocol structure, action rules by
 * author, recipient, anyone and role, {@code $size} and {@code $tags}, and permission grants, requests and
 * revocations. Every step must get the same status, detail and reply body. The scenarios follow the SDK's
 * tests/handlers/protocols-*.spec.ts and tests/features/*.spec.ts.
 */
class ProtocolsDifferentialTest {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String SOCIAL = "https://cairn.example/protocols/social";
    private static final String PRIVATE = "https://cairn.example/protocols/private";

    private static SdkPeer sdk;
    private static Twin twin;
    private static Persona alice;
    private static Persona bob;
    private static Persona carol;
    private Instant clock;
    private final List<Integer> statuses = new ArrayList<>();

    @BeforeAll
    static void start() {
        sdk = SdkPeer.start();
        alice = sdk.persona("alice");
        bob = sdk.persona("bob");
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
        clock = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void newerConfigurationsReplaceOlderOnesAndOnlyPublishedOnesAreVisibleToOthers() {
        ObjectNode first = configure(alice, social(true));
        ObjectNode older = configure(alice, social(true), timestampBefore(first));
        step(alice.did(), first);
        step(alice.did(), first);
        step(alice.did(), older);
        ObjectNode newer = configure(alice, social(false));
        step(alice.did(), newer);
        step(alice.did(), configure(alice, privateProtocol()));
        for (Persona asker : new Persona[] {alice, bob}) {
            step(alice.did(), protocolsQuery(asker, null, null));
            step(alice.did(), protocolsQuery(asker, SOCIAL, null));
            step(alice.did(), protocolsQuery(asker, PRIVATE, null));
        }
        step(alice.did(), protocolsQuery(null, null, null));
        step(alice.did(), configure(alice, social(true)));
        step(alice.did(), protocolsQuery(null, null, null));
        step(alice.did(), protocolsQuery(carol, "cairn.example/protocols/social", null));
        step(alice.did(), configure(bob, social(true)));
        step(bob.did(), protocolsQuery(alice, null, null));
        assertSteps(202, 409, 409, 202, 202, 200, 200, 200, 200, 200, 200, 200, 202, 200, 200, 401, 200);
    }

    @Test
    void definitionsThatBreakTheRulesAreRejectedWithTheSdksDetail() {
        String[] structures = {
            "{\"post\":{\"$size\":{\"min\":10,\"max\":2}}}",
            "{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"of\":\"post\",\"can\":[\"create\"]}]}}",
            "{\"post\":{\"$actions\":[{\"who\":\"author\",\"can\":[\"create\"]}]}}",
            "{\"post\":{\"$actions\":[{\"who\":\"recipient\",\"can\":[\"read\"]}]}}",
            "{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"update\"]}]}}",
            "{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"delete\"]}]}}",
            "{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]},{\"who\":\"anyone\",\"can\":[\"read\"]}]}}",
            "{\"post\":{\"$actions\":[{\"role\":\"post\",\"can\":[\"create\"]}]}}",
            "{\"friend\":{\"$role\":true},\"post\":{\"$actions\":[{\"role\":\"friend\",\"can\":[\"read\"]}]}}",
            "{\"friend\":{\"$role\":true},\"post\":{\"$actions\":[{\"role\":\"friend\",\"can\":[\"create\"]},{\"role\":\"friend\",\"can\":[\"read\",\"query\",\"subscribe\"]}]}}",
            "{\"post\":{\"stranger\":{}}}",
            "{\"post\":{\"$tags\":{\"status\":{\"type\":\"string\",\"minLength\":-1}}}}",
            "{\"post\":{\"$recordLimit\":{\"max\":1,\"strategy\":\"reject\"}}}",
            "{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"query\"]}]}}",
            "{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{\"post\":{}}}}}}}}}}}}",
        };
        for (String structure : structures) {
            ObjectNode definition = json("{\"protocol\":\"" + SOCIAL + "\",\"published\":true,"
                    + "\"types\":{\"post\":{},\"friend\":{}},\"structure\":" + structure + "}");
            step(alice.did(), rawConfigure(alice, definition));
        }
        ObjectNode notNormalized = social(true);
        notNormalized.put("protocol", "cairn.example/protocols/social/");
        step(alice.did(), rawConfigure(alice, notNormalized));
        ObjectNode schemaNotNormalized = social(true);
        schemaNotNormalized.with("types").with("post").put("schema", "Cairn.Example/post");
        step(alice.did(), rawConfigure(alice, schemaNotNormalized));
        step(alice.did(), protocolsQuery(alice, null, null));
        assertSteps(400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 200);
    }

    @Test
    void recordsMustFollowTheProtocolStructure() {
        step(alice.did(), configure(alice, social(true)));
        byte[] data = bytes("a post");
        ObjectNode post = write(bob, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post"));
        step(alice.did(), post, data);
        step(alice.did(), write(bob, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/other")), data);
        step(alice.did(), write(bob, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post")
                .put("dataFormat", "text/html")), data);
        step(alice.did(), write(bob, data, o -> protocol(o, SOCIAL, "image")), data);
        step(alice.did(), write(bob, data, o -> protocol(o, SOCIAL, "comment")), data);
        step(alice.did(), write(bob, data, o -> protocol(o, "https://cairn.example/protocols/none", "post")), data);

        byte[] comment = bytes("a comment");
        String postId = post.get("recordId").asText();
        String postContext = post.get("contextId").asText();
        ObjectNode reply = write(carol, comment, o -> protocol(o, SOCIAL, "post/comment").put("parentContextId", postContext));
        step(alice.did(), reply, comment);
        step(alice.did(), write(carol, comment, o -> protocol(o, SOCIAL, "post/comment").put("parentContextId", "bafyunknown")), comment);
        ObjectNode wrongParentPath = write(carol, comment, o -> protocol(o, SOCIAL, "comment/comment").put("parentContextId", postContext));
        step(alice.did(), wrongParentPath, comment);
        step(alice.did(), write(carol, bytes("12345678901"), o -> protocol(o, SOCIAL, "post/comment")
                .put("parentContextId", postContext)), bytes("12345678901"));
        step(alice.did(), write(carol, new byte[0], o -> protocol(o, SOCIAL, "post/comment")
                .put("parentContextId", postContext)), new byte[0]);

        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", SOCIAL)));
        step(alice.did(), recordsQuery(carol, o -> o.with("filter").put("protocol", SOCIAL).put("protocolPath", "post/comment")));
        step(alice.did(), recordsRead(carol, postId, null));
        step(alice.did(), recordsRead(carol, reply.get("recordId").asText(), null));
        assertSteps(202, 202, 400, 400, 400, 400, 400, 202, 400, 400, 400, 400, 200, 200, 200, 200);
    }

    @Test
    void tagsFollowTheRuleSetsTags() {
        ObjectNode definition = json("{\"protocol\":\"" + SOCIAL + "\",\"published\":true,\"types\":{\"post\":{}},\"structure\":{\"post\":{"
                + "\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\",\"update\"]}],\"$tags\":{\"$requiredTags\":[\"status\"],"
                + "\"status\":{\"type\":\"string\",\"enum\":[\"draft\",\"final\"]},\"score\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10},"
                + "\"labels\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":5},\"maxItems\":3}}}}}");
        step(alice.did(), configure(alice, definition));
        String[] tagSets = {null, "{\"status\":\"draft\"}", "{\"status\":\"other\"}", "{\"status\":\"final\",\"score\":11}",
            "{\"status\":\"final\",\"score\":2.5}", "{\"status\":\"final\",\"labels\":[\"a\",\"toolong\"]}",
            "{\"status\":\"final\",\"labels\":[\"a\",\"b\",\"c\",\"d\"]}", "{\"status\":\"final\",\"extra\":true}", "{\"score\":3}"};
        byte[] data = bytes("tagged");
        for (String tags : tagSets) {
            ObjectNode write = write(bob, data, o -> {
                protocol(o, SOCIAL, "post");
                if (tags != null) {
                    o.set("tags", json(tags));
                }
            });
            step(alice.did(), write, data);
        }
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", SOCIAL).with("tags").put("status", "draft")));
        assertSteps(202, 400, 202, 400, 400, 400, 400, 400, 400, 400, 200);
    }

    @Test
    void actionRulesAuthorizeByAuthorRecipientAndAnyone() {
        ObjectNode authorCan = json("{\"protocol\":\"" + SOCIAL + "\",\"published\":true,\"types\":{\"post\":{},\"comment\":{}},"
                + "\"structure\":{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\",\"update\"]},"
                + "{\"who\":\"recipient\",\"can\":[\"co-update\",\"co-delete\"]}],"
                + "\"comment\":{\"$actions\":[{\"who\":\"author\",\"of\":\"post\",\"can\":[\"create\",\"co-update\",\"co-delete\"]},"
                + "{\"who\":\"recipient\",\"of\":\"post\",\"can\":[\"read\"]}]}}}}");
        step(alice.did(), configure(alice, authorCan));
        byte[] data = bytes("post by bob to carol");
        ObjectNode post = write(bob, data, o -> protocol(o, SOCIAL, "post").put("recipient", carol.did()));
        step(alice.did(), post, data);
        String context = post.get("contextId").asText();
        byte[] comment = bytes("comment");
        step(alice.did(), write(carol, comment, o -> protocol(o, SOCIAL, "post/comment").put("parentContextId", context)), comment);
        ObjectNode bobsComment = write(bob, comment, o -> protocol(o, SOCIAL, "post/comment").put("parentContextId", context));
        step(alice.did(), bobsComment, comment);
        step(alice.did(), recordsRead(carol, bobsComment.get("recordId").asText(), null));
        step(alice.did(), recordsRead(bob, bobsComment.get("recordId").asText(), null));
        step(alice.did(), recordsRead(alice, bobsComment.get("recordId").asText(), null));

        byte[] edited = bytes("edited by the recipient");
        step(alice.did(), update(post, carol, edited), edited);
        step(alice.did(), update(post, alice, bytes("x")), bytes("x"));
        byte[] editedByAuthor = bytes("edited by the author");
        step(alice.did(), update(post, bob, editedByAuthor), editedByAuthor);
        ObjectNode carolDeletes = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", bobsComment.get("recordId").asText())
                .set("signer", carol.signer()));
        step(alice.did(), carolDeletes);
        ObjectNode bobDeletesPost = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", post.get("recordId").asText())
                .set("signer", bob.signer()));
        step(alice.did(), bobDeletesPost);
        ObjectNode carolPrunes = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", post.get("recordId").asText())
                .put("prune", true).set("signer", carol.signer()));
        step(alice.did(), carolPrunes);
        ObjectNode carolDeletesPost = sdk.create("RecordsDelete", SdkPeer.options().put("recordId", post.get("recordId").asText())
                .set("signer", carol.signer()));
        step(alice.did(), carolDeletesPost);
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", SOCIAL)));
        assertSteps(202, 202, 401, 202, 200, 200, 200, 202, 202, 202, 401, 401, 401, 202, 200);
    }

    @Test
    void rolesAuthorizeWithinTheirContext() {
        ObjectNode threadRole = json("{\"protocol\":\"http://thread-role.xyz\",\"published\":true,\"types\":{\"thread\":{},\"participant\":{},"
                + "\"admin\":{},\"globalAdmin\":{},\"chat\":{}},\"structure\":{\"globalAdmin\":{\"$role\":true},\"thread\":{\"$actions\":"
                + "[{\"role\":\"thread/participant\",\"can\":[\"read\",\"query\",\"subscribe\"]}],\"admin\":{\"$role\":true},"
                + "\"participant\":{\"$role\":true,\"$actions\":[{\"role\":\"thread/participant\",\"can\":[\"read\",\"query\",\"subscribe\",\"create\"]}]},"
                + "\"chat\":{\"$actions\":[{\"role\":\"thread/participant\",\"can\":[\"create\",\"update\",\"read\",\"query\",\"subscribe\"]},"
                + "{\"role\":\"thread/admin\",\"can\":[\"co-update\",\"co-delete\"]},{\"role\":\"globalAdmin\",\"can\":[\"co-delete\"]}]}}}}");
        String protocol = "http://thread-role.xyz";
        step(alice.did(), configure(alice, threadRole));
        byte[] data = bytes("thread");
        ObjectNode thread = write(alice, data, o -> protocol(o, protocol, "thread"));
        step(alice.did(), thread, data);
        String threadContext = thread.get("contextId").asText();
        ObjectNode bobParticipant = write(alice, bytes("bob"), o -> protocol(o, protocol, "thread/participant")
                .put("parentContextId", threadContext).put("recipient", bob.did()));
        step(alice.did(), bobParticipant, bytes("bob"));
        step(alice.did(), write(alice, bytes("bob again"), o -> protocol(o, protocol, "thread/participant")
                .put("parentContextId", threadContext).put("recipient", bob.did())), bytes("bob again"));
        step(alice.did(), write(alice, bytes("nobody"), o -> protocol(o, protocol, "thread/participant")
                .put("parentContextId", threadContext)), bytes("nobody"));

        byte[] chat = bytes("hello from bob");
        ObjectNode bobChat = write(bob, chat, o -> protocol(o, protocol, "thread/chat").put("parentContextId", threadContext)
                .put("protocolRole", "thread/participant"));
        step(alice.did(), bobChat, chat);
        step(alice.did(), write(carol, chat, o -> protocol(o, protocol, "thread/chat").put("parentContextId", threadContext)
                .put("protocolRole", "thread/participant")), chat);
        step(alice.did(), write(bob, chat, o -> protocol(o, protocol, "thread/chat").put("parentContextId", threadContext)
                .put("protocolRole", "thread")), chat);
        step(alice.did(), write(bob, chat, o -> protocol(o, protocol, "thread/chat").put("parentContextId", threadContext)), chat);
        step(alice.did(), write(bob, bytes("carol"), o -> protocol(o, protocol, "thread/participant")
                .put("parentContextId", threadContext).put("recipient", carol.did()).put("protocolRole", "thread/participant")), bytes("carol"));
        step(alice.did(), recordsQuery(carol, o -> {
            o.with("filter").put("protocol", protocol).put("protocolPath", "thread/chat").put("contextId", threadContext);
            o.put("protocolRole", "thread/participant");
        }));
        step(alice.did(), recordsQuery(bob, o -> {
            o.with("filter").put("protocol", protocol).put("protocolPath", "thread/chat").put("contextId", threadContext);
            o.put("protocolRole", "thread/participant");
        }));
        step(alice.did(), recordsQuery(bob, o -> {
            o.with("filter").put("protocol", protocol).put("protocolPath", "thread/chat");
            o.put("protocolRole", "thread/participant");
        }));
        step(alice.did(), recordsRead(bob, thread.get("recordId").asText(), "thread/participant"));
        step(alice.did(), recordsRead(carol, thread.get("recordId").asText(), "thread/participant"));

        ObjectNode globalAdmin = write(alice, bytes("carol admin"), o -> protocol(o, protocol, "globalAdmin").put("recipient", carol.did()));
        step(alice.did(), globalAdmin, bytes("carol admin"));
        step(alice.did(), sdk.create("RecordsDelete", SdkPeer.options().put("recordId", bobChat.get("recordId").asText())
                .put("protocolRole", "globalAdmin").set("signer", carol.signer())));
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", protocol)));
        step(alice.did(), recordsQuery(bob, o -> {
            o.with("filter").put("protocol", protocol).put("contextId", threadContext);
            o.put("protocolRole", "thread/participant");
        }));
        step(alice.did(), recordsQuery(bob, o -> {
            o.with("filter").put("protocol", protocol).put("protocolPath", "thread/chat").put("contextId", threadContext);
            o.put("protocolRole", "globalAdmin");
        }));
        assertSteps(202, 202, 202, 400, 400, 202, 401, 401, 401, 202, 200, 200, 401, 200, 200, 202, 202, 200, 400, 401);
    }

    @Test
    void grantsAuthorizeProtocolsMessagesWithinScopeUntilRevoked() {
        step(alice.did(), configure(alice, social(false)));
        JsonNode configureGrant = grant(alice, bob, "{\"interface\":\"Protocols\",\"method\":\"Configure\",\"protocol\":\"" + PRIVATE + "\"}",
                farFuture(), "configureGrant");
        String configureGrantId = recordIdOf(configureGrant);
        step(alice.did(), configure(bob, privateProtocol(), configureGrantId));
        step(alice.did(), configure(bob, social(true), configureGrantId));
        step(alice.did(), configure(carol, privateProtocol(), configureGrantId));

        JsonNode queryGrant = grant(alice, bob, "{\"interface\":\"Protocols\",\"method\":\"Query\"}", farFuture(), "queryGrant");
        step(alice.did(), protocolsQuery(bob, null, recordIdOf(queryGrant)));
        step(alice.did(), protocolsQuery(bob, null, configureGrantId));
        JsonNode scopedQueryGrant = grant(alice, bob, "{\"interface\":\"Protocols\",\"method\":\"Query\",\"protocol\":\"" + SOCIAL + "\"}",
                farFuture(), "scopedQueryGrant");
        step(alice.did(), protocolsQuery(bob, SOCIAL, recordIdOf(scopedQueryGrant)));
        step(alice.did(), protocolsQuery(bob, PRIVATE, recordIdOf(scopedQueryGrant)));
        step(alice.did(), protocolsQuery(bob, null, "bafyreinotagrant"));

        revoke(alice, "configureGrant");
        // timestamped now, after the revocation (which the SDK's createRevocation timestamps now)
        ObjectNode afterRevocation = sdk.create("ProtocolsConfigure", SdkPeer.options().<ObjectNode>set("definition", privateProtocol())
                .put("permissionGrantId", configureGrantId).set("signer", bob.signer()));
        step(alice.did(), afterRevocation);
        step(alice.did(), configure(bob, privateProtocol(), configureGrantId));

        String soon = next();
        JsonNode shortGrant = grant(alice, bob, "{\"interface\":\"Protocols\",\"method\":\"Query\"}", soon, "shortGrant");
        step(alice.did(), protocolsQuery(bob, null, recordIdOf(shortGrant)));
        ObjectNode early = sdk.create("ProtocolsQuery", SdkPeer.options().put("messageTimestamp", "2000-01-01T00:00:00.000000Z")
                .put("permissionGrantId", recordIdOf(queryGrant)).set("signer", bob.signer()));
        step(alice.did(), early);
        JsonNode carolsGrant = grant(alice, carol, "{\"interface\":\"Protocols\",\"method\":\"Query\"}", farFuture(), "carolsGrant");
        step(alice.did(), protocolsQuery(bob, null, recordIdOf(carolsGrant)));
        assertSteps(202, 202, 202, 401, 401, 202, 200, 401, 202, 200, 200, 401, 202, 401, 202, 202, 401, 401, 202, 401);
    }

    @Test
    void grantsAuthorizeRecordsWithinScopeAndConditions() {
        step(alice.did(), configure(alice, social(true)));
        step(alice.did(), configure(alice, privateProtocol()));
        JsonNode writeGrant = grant(alice, bob, "{\"interface\":\"Records\",\"method\":\"Write\",\"protocol\":\"" + PRIVATE + "\"}",
                farFuture(), "writeGrant", "{\"publication\":\"Required\"}");
        String writeGrantId = recordIdOf(writeGrant);
        byte[] data = bytes("written under a grant");
        step(alice.did(), write(bob, data, o -> protocol(o, PRIVATE, "note").put("permissionGrantId", writeGrantId)
                .put("published", true)), data);
        step(alice.did(), write(bob, data, o -> protocol(o, PRIVATE, "note").put("permissionGrantId", writeGrantId)), data);
        step(alice.did(), write(bob, data, o -> protocol(o, SOCIAL, "post").put("permissionGrantId", writeGrantId)
                .put("schema", "https://cairn.example/schemas/post").put("published", true)), data);
        step(alice.did(), write(carol, data, o -> protocol(o, PRIVATE, "note").put("permissionGrantId", writeGrantId)
                .put("published", true)), data);

        ObjectNode note = write(alice, data, o -> protocol(o, PRIVATE, "note"));
        step(alice.did(), note, data);
        JsonNode readGrant = grant(alice, carol, "{\"interface\":\"Records\",\"method\":\"Read\",\"protocol\":\"" + PRIVATE
                + "\",\"protocolPath\":\"note\"}", farFuture(), "readGrant");
        step(alice.did(), recordsRead(carol, note.get("recordId").asText(), null));
        ObjectNode readWithGrant = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("filter",
                SdkPeer.options().put("recordId", note.get("recordId").asText())).put("permissionGrantId", recordIdOf(readGrant))
                .set("signer", carol.signer()));
        step(alice.did(), readWithGrant);
        JsonNode queryGrant = grant(alice, carol, "{\"interface\":\"Records\",\"method\":\"Query\",\"protocol\":\"" + PRIVATE + "\"}",
                farFuture(), "recordsQueryGrant");
        step(alice.did(), recordsQuery(carol, o -> {
            o.with("filter").put("protocol", PRIVATE);
            o.put("permissionGrantId", recordIdOf(queryGrant));
        }));
        step(alice.did(), recordsQuery(carol, o -> {
            o.with("filter").put("protocol", SOCIAL);
            o.put("permissionGrantId", recordIdOf(queryGrant));
        }));
        revoke(alice, "readGrant");
        ObjectNode readAfterRevoke = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("filter",
                SdkPeer.options().put("recordId", note.get("recordId").asText())).put("permissionGrantId", recordIdOf(readGrant))
                .set("signer", carol.signer()));
        step(alice.did(), readAfterRevoke);
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", "https://tbd.website/dwn/permissions")));
        step(alice.did(), recordsQuery(carol, o -> o.with("filter").put("protocol", "https://tbd.website/dwn/permissions")
                .put("protocolPath", "grant")));
        assertSteps(202, 202, 202, 202, 401, 401, 401, 202, 202, 401, 200, 202, 200, 200, 202, 401, 200, 200);
    }

    @Test
    void permissionRecordsAreValidated() {
        ObjectNode request = (ObjectNode) sdk.call("PermissionsProtocol.createRequest", "request", SdkPeer.options()
                .put("delegated", false).<ObjectNode>set("scope", json("{\"interface\":\"Records\",\"method\":\"Read\",\"protocol\":\"" + SOCIAL + "\"}"))
                .set("signer", bob.signer()));
        step(alice.did(), request.get("recordsWrite").get("message"), SdkPeer.bytesOf(request.get("permissionRequestBytes")));
        byte[] notJsonScope = bytes("{\"delegated\":false,\"scope\":{\"interface\":\"Records\",\"method\":\"Dance\",\"protocol\":\"x\"}}");
        ObjectNode badRequest = write(bob, notJsonScope, o -> protocol(o, "https://tbd.website/dwn/permissions", "request")
                .put("dataFormat", "application/json"));
        step(alice.did(), badRequest, notJsonScope);
        byte[] untagged = bytes("{\"delegated\":false,\"scope\":{\"interface\":\"Records\",\"method\":\"Read\",\"protocol\":\"" + SOCIAL + "\"}}");
        step(alice.did(), write(bob, untagged, o -> protocol(o, "https://tbd.website/dwn/permissions", "request")
                .put("dataFormat", "application/json")), untagged);
        step(alice.did(), write(bob, untagged, o -> protocol(o, "https://tbd.website/dwn/permissions", "request")
                .put("dataFormat", "application/json").set("tags", json("{\"protocol\":\"https://other.example\"}"))), untagged);
        step(alice.did(), write(bob, untagged, o -> protocol(o, "https://tbd.website/dwn/permissions", "grant")
                .put("dataFormat", "application/json").put("recipient", carol.did())), untagged);

        JsonNode grant = grant(alice, bob, "{\"interface\":\"Records\",\"method\":\"Read\",\"protocol\":\"" + SOCIAL + "\"}", farFuture(), "g");
        byte[] revocation = bytes("{}");
        step(alice.did(), write(alice, revocation, o -> protocol(o, "https://tbd.website/dwn/permissions", "grant/revocation")
                .put("dataFormat", "application/json").put("parentContextId", recordIdOf(grant))), revocation);
        step(alice.did(), write(carol, revocation, o -> protocol(o, "https://tbd.website/dwn/permissions", "grant/revocation")
                .put("dataFormat", "application/json").put("parentContextId", recordIdOf(grant))
                .set("tags", json("{\"protocol\":\"" + SOCIAL + "\"}"))), revocation);
        step(alice.did(), recordsRead(bob, recordIdOf(grant), null));
        step(alice.did(), recordsRead(carol, recordIdOf(grant), null));
        assertSteps(202, 400, 400, 400, 401, 202, 400, 401, 200, 401);
    }

    @Test
    void authorDelegatedGrantsLetADeviceActAsTheGrantor() {
        JsonNode configureAnything = delegatedGrant(alice, bob, "{\"interface\":\"Protocols\",\"method\":\"Configure\"}", farFuture(), "dConfigure");
        ObjectNode delegatedConfigure = SdkPeer.options().put("messageTimestamp", next());
        delegatedConfigure.set("definition", social(true));
        delegatedConfigure.set("signer", bob.signer());
        delegatedConfigure.set("delegatedGrant", configureAnything.get("dataEncodedMessage"));
        step(alice.did(), sdk.create("ProtocolsConfigure", delegatedConfigure));
        step(carol.did(), sdk.create("ProtocolsConfigure", delegatedConfigure.put("messageTimestamp", next())));

        step(carol.did(), configure(carol, social(true)));
        step(carol.did(), configure(carol, privateProtocol()));
        JsonNode writeForAlice = delegatedGrant(alice, bob, "{\"interface\":\"Records\",\"method\":\"Write\",\"protocol\":\"" + SOCIAL + "\"}",
                farFuture(), "dWrite");
        byte[] data = bytes("a post by alice's device");
        ObjectNode asAlice = write(bob, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post")
                .set("delegatedGrant", writeForAlice.get("dataEncodedMessage")));
        step(carol.did(), asAlice, data);
        ObjectNode carolUsesBobsGrant = write(carol, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post")
                .set("delegatedGrant", writeForAlice.get("dataEncodedMessage")));
        step(carol.did(), carolUsesBobsGrant, data);
        step(carol.did(), write(bob, data, o -> protocol(o, PRIVATE, "note").set("delegatedGrant", writeForAlice.get("dataEncodedMessage"))), data);
        JsonNode notDelegated = grant(alice, bob, "{\"interface\":\"Records\",\"method\":\"Write\",\"protocol\":\"" + SOCIAL + "\"}",
                farFuture(), "plainWrite");
        step(carol.did(), write(bob, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post")
                .set("delegatedGrant", notDelegated.get("dataEncodedMessage"))), data);
        step(carol.did(), recordsQuery(carol, o -> o.with("filter").put("protocol", SOCIAL)));
        assertSteps(202, 401, 202, 202, 202, 400, 401, 202, 400, 200);
    }

    @Test
    void pruneAndCoPruneFollowTheRules() {
        ObjectNode prunable = json("{\"protocol\":\"" + SOCIAL + "\",\"published\":true,\"types\":{\"post\":{},\"comment\":{}},"
                + "\"structure\":{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\",\"prune\"]},"
                + "{\"who\":\"recipient\",\"can\":[\"co-prune\"]}],"
                + "\"comment\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]}]}}}}");
        step(alice.did(), configure(alice, prunable));
        byte[] data = bytes("a post");
        ObjectNode post = write(bob, data, o -> protocol(o, SOCIAL, "post").put("recipient", alice.did()));
        step(alice.did(), post, data);
        ObjectNode other = write(bob, data, o -> protocol(o, SOCIAL, "post").put("recipient", carol.did()));
        step(alice.did(), other, data);
        for (ObjectNode parent : new ObjectNode[] {post, other}) {
            byte[] comment = bytes("comment");
            step(alice.did(), write(carol, comment, o -> protocol(o, SOCIAL, "post/comment")
                    .put("parentContextId", parent.get("contextId").asText())), comment);
        }
        step(alice.did(), delete(carol, post, false));
        step(alice.did(), delete(carol, post, true));
        step(alice.did(), delete(carol, other, true));
        step(alice.did(), delete(bob, post, true));
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", SOCIAL)));
        assertSteps(202, 202, 202, 202, 202, 401, 401, 202, 202, 200);
    }

    @Test
    void rootRolesAuthorizeAcrossContextsAndOnlyCreatorsUpdate() {
        String protocol = "http://minimal.xyz";
        ObjectNode friendRole = json("{\"protocol\":\"" + protocol + "\",\"published\":false,\"types\":{\"friend\":{},\"admin\":{},"
                + "\"chat\":{},\"fan\":{}},\"structure\":{\"admin\":{\"$role\":true},\"friend\":{\"$role\":true},\"fan\":{\"$role\":true},"
                + "\"chat\":{\"$actions\":[{\"role\":\"fan\",\"can\":[\"read\",\"query\",\"subscribe\"]},"
                + "{\"role\":\"friend\",\"can\":[\"create\",\"update\",\"read\",\"query\",\"subscribe\"]},"
                + "{\"role\":\"admin\",\"can\":[\"co-update\",\"co-delete\"]}]}}}");
        step(alice.did(), configure(alice, friendRole));
        for (Persona friend : new Persona[] {bob, carol}) {
            step(alice.did(), write(alice, bytes("friend"), o -> protocol(o, protocol, "friend").put("recipient", friend.did())), bytes("friend"));
        }
        byte[] chat = bytes("bob's chat");
        ObjectNode bobsChat = write(bob, chat, o -> protocol(o, protocol, "chat").put("protocolRole", "friend"));
        step(alice.did(), bobsChat, chat);
        step(alice.did(), roleUpdate(bobsChat, carol, bytes("carol edits"), "friend"), bytes("carol edits"));
        step(alice.did(), roleUpdate(bobsChat, bob, bytes("bob edits"), "friend"), bytes("bob edits"));
        step(alice.did(), roleUpdate(bobsChat, carol, bytes("carol as admin"), "admin"), bytes("carol as admin"));
        step(alice.did(), write(alice, bytes("admin"), o -> protocol(o, protocol, "admin").put("recipient", carol.did())), bytes("admin"));
        step(alice.did(), roleUpdate(bobsChat, carol, bytes("carol as admin"), "admin"), bytes("carol as admin"));
        step(alice.did(), recordsQuery(carol, o -> {
            o.with("filter").put("protocol", protocol).put("protocolPath", "chat");
            o.put("protocolRole", "friend");
        }));
        step(alice.did(), recordsQuery(bob, o -> {
            o.with("filter").put("protocol", protocol).put("protocolPath", "chat");
            o.put("protocolRole", "fan");
        }));
        step(alice.did(), recordsRead(carol, bobsChat.get("recordId").asText(), "friend"));
        // carol authored the newest state (her admin co-update), so she reads it without a role
        step(alice.did(), recordsRead(carol, bobsChat.get("recordId").asText(), null));
        step(alice.did(), recordsQuery(carol, o -> o.with("filter").put("protocol", protocol).put("protocolPath", "chat")));
        ObjectNode adminDelete = delete(carol, bobsChat, false);
        step(alice.did(), adminDelete);
        step(alice.did(), sdk.create("RecordsDelete", SdkPeer.options().put("recordId", bobsChat.get("recordId").asText())
                .put("protocolRole", "admin").put("messageTimestamp", next()).set("signer", carol.signer())));
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", protocol)));
        assertSteps(202, 202, 202, 202, 401, 202, 401, 202, 202, 200, 401, 200, 200, 200, 401, 202, 200);
    }

    @Test
    void protocolsQueriesThatAreMalformedOrFailAuthentication() {
        step(alice.did(), configure(alice, social(true)));
        ObjectNode unnormalized = protocolsQuery(bob, SOCIAL, null);
        unnormalized.with("descriptor").with("filter").put("protocol", "cairn.example/protocols/social");
        step(alice.did(), unnormalized);
        ObjectNode otherDescriptor = protocolsQuery(bob, SOCIAL, null);
        otherDescriptor.with("descriptor").put("messageTimestamp", next());
        step(alice.did(), otherDescriptor);
        ObjectNode tampered = protocolsQuery(bob, null, null);
        JsonNode otherSignature = protocolsQuery(bob, null, null).at("/authorization/signature/signatures/0/signature");
        ((ObjectNode) tampered.at("/authorization/signature/signatures/0")).set("signature", otherSignature);
        step(alice.did(), tampered);
        ObjectNode unsigned = protocolsQuery(null, SOCIAL, null);
        step(alice.did(), unsigned);
        assertSteps(202, 400, 400, 401, 200);
    }

    @Test
    void tagTypesAndArrayKeywords() {
        ObjectNode definition = json("{\"protocol\":\"" + SOCIAL + "\",\"published\":true,\"types\":{\"post\":{}},\"structure\":{\"post\":{"
                + "\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]}],\"$tags\":{\"$allowUndefinedTags\":true,"
                + "\"done\":{\"type\":\"boolean\"},\"ratio\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1},"
                + "\"sizes\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"uniqueItems\":true,"
                + "\"contains\":{\"type\":\"integer\",\"minimum\":10},\"minContains\":2,\"maxContains\":3},"
                + "\"name\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":4}}}}}");
        step(alice.did(), configure(alice, definition));
        step(alice.did(), rawConfigure(alice, json("{\"protocol\":\"https://cairn.example/objects\",\"published\":true,\"types\":{\"p\":{}},"
                + "\"structure\":{\"p\":{\"$tags\":{\"o\":{\"type\":\"object\"}}}}}")));
        String[] tagSets = {"{\"done\":\"yes\"}", "{\"done\":false,\"ratio\":1}", "{\"ratio\":0.5,\"sizes\":[10,11]}",
            "{\"sizes\":[10,11,10]}", "{\"sizes\":[10,1]}", "{\"sizes\":[10,11,12,13]}", "{\"sizes\":[10,11.5]}",
            "{\"name\":\"a\"}", "{\"name\":\"abcde\"}", "{\"name\":\"😀😀\",\"other\":\"free\"}"};
        byte[] data = bytes("tagged");
        for (String tags : tagSets) {
            step(alice.did(), write(bob, data, o -> protocol(o, SOCIAL, "post").set("tags", json(tags))), data);
        }
        assertSteps(202, 400, 400, 400, 202, 400, 400, 400, 400, 400, 400, 202);
    }

    @Test
    void ancestorRulesDeletedParentsAndRoleLifecycles() {
        String protocol = "https://cairn.example/protocols/dex";
        ObjectNode dex = json("{\"protocol\":\"" + protocol + "\",\"published\":true,\"types\":{\"ask\":{},\"offer\":{},\"fulfillment\":{},"
                + "\"member\":{},\"room\":{},\"seat\":{}},\"structure\":{\"member\":{\"$role\":true},"
                + "\"ask\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]}],"
                + "\"offer\":{\"$actions\":[{\"who\":\"recipient\",\"of\":\"ask\",\"can\":[\"create\"]},{\"who\":\"author\",\"of\":\"ask\",\"can\":[\"co-update\"]}],"
                + "\"fulfillment\":{\"$actions\":[{\"who\":\"recipient\",\"of\":\"ask/offer\",\"can\":[\"create\"]},"
                + "{\"who\":\"author\",\"of\":\"ask\",\"can\":[\"read\"]}]}}},"
                + "\"room\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]}],\"seat\":{\"$role\":true}}}}");
        step(alice.did(), configure(alice, dex));
        byte[] data = bytes("{}");
        ObjectNode ask = write(bob, data, o -> protocol(o, protocol, "ask").put("recipient", carol.did()));
        step(alice.did(), ask, data);
        String askContext = ask.get("contextId").asText();
        ObjectNode offerByCarol = write(carol, data, o -> protocol(o, protocol, "ask/offer").put("parentContextId", askContext)
                .put("recipient", bob.did()));
        step(alice.did(), offerByCarol, data);
        step(alice.did(), write(bob, data, o -> protocol(o, protocol, "ask/offer").put("parentContextId", askContext)), data);
        String offerContext = offerByCarol.get("contextId").asText();
        ObjectNode fulfillment = write(bob, data, o -> protocol(o, protocol, "ask/offer/fulfillment").put("parentContextId", offerContext));
        step(alice.did(), fulfillment, data);
        step(alice.did(), write(carol, data, o -> protocol(o, protocol, "ask/offer/fulfillment").put("parentContextId", offerContext)), data);
        step(alice.did(), update(offerByCarol, bob, bytes("{\"by\":\"bob\"}")), bytes("{\"by\":\"bob\"}"));
        step(alice.did(), recordsRead(bob, fulfillment.get("recordId").asText(), null));
        step(alice.did(), recordsRead(carol, fulfillment.get("recordId").asText(), null));

        step(alice.did(), delete(alice, offerByCarol, false));
        step(alice.did(), write(bob, data, o -> protocol(o, protocol, "ask/offer/fulfillment").put("parentContextId", offerContext)), data);

        ObjectNode member = write(alice, bytes("m"), o -> protocol(o, protocol, "member").put("recipient", bob.did()));
        step(alice.did(), member, bytes("m"));
        step(alice.did(), update(member, alice, bytes("m2")), bytes("m2"));
        step(alice.did(), write(alice, bytes("m3"), o -> protocol(o, protocol, "member").put("recipient", bob.did())), bytes("m3"));
        step(alice.did(), delete(alice, member, false));
        step(alice.did(), write(alice, bytes("m4"), o -> protocol(o, protocol, "member").put("recipient", bob.did())), bytes("m4"));
        ObjectNode room1 = write(alice, data, o -> protocol(o, protocol, "room"));
        ObjectNode room2 = write(alice, data, o -> protocol(o, protocol, "room"));
        step(alice.did(), room1, data);
        step(alice.did(), room2, data);
        for (ObjectNode room : new ObjectNode[] {room1, room2, room1}) {
            step(alice.did(), write(alice, bytes("seat"), o -> protocol(o, protocol, "room/seat")
                    .put("parentContextId", room.get("contextId").asText()).put("recipient", carol.did())), bytes("seat"));
        }
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", protocol)));
        assertSteps(202, 202, 202, 401, 202, 401, 202, 200, 401, 202, 400, 202, 202, 400, 202, 202, 202, 202, 202, 202, 400, 200);
    }

    @Test
    void grantScopesByContextAndProtocolPath() {
        ObjectNode threads = json("{\"protocol\":\"" + PRIVATE + "\",\"published\":false,\"types\":{\"thread\":{},\"reply\":{}},"
                + "\"structure\":{\"thread\":{\"reply\":{}}}}");
        step(alice.did(), configure(alice, threads));
        byte[] data = bytes("{}");
        ObjectNode thread1 = write(alice, data, o -> protocol(o, PRIVATE, "thread"));
        ObjectNode thread2 = write(alice, data, o -> protocol(o, PRIVATE, "thread"));
        step(alice.did(), thread1, data);
        step(alice.did(), thread2, data);
        JsonNode byContext = grant(alice, bob, "{\"interface\":\"Records\",\"method\":\"Write\",\"protocol\":\"" + PRIVATE
                + "\",\"contextId\":\"" + thread1.get("contextId").asText() + "\"}", farFuture(), "byContext", "{\"publication\":\"Prohibited\"}");
        for (ObjectNode thread : new ObjectNode[] {thread1, thread2}) {
            step(alice.did(), write(bob, data, o -> protocol(o, PRIVATE, "thread/reply").put("parentContextId", thread.get("contextId").asText())
                    .put("permissionGrantId", recordIdOf(byContext))), data);
        }
        step(alice.did(), write(bob, data, o -> protocol(o, PRIVATE, "thread/reply").put("parentContextId", thread1.get("contextId").asText())
                .put("permissionGrantId", recordIdOf(byContext)).put("published", true)), data);
        JsonNode byPath = grant(alice, carol, "{\"interface\":\"Records\",\"method\":\"Write\",\"protocol\":\"" + PRIVATE
                + "\",\"protocolPath\":\"thread\"}", farFuture(), "byPath");
        step(alice.did(), write(carol, data, o -> protocol(o, PRIVATE, "thread").put("permissionGrantId", recordIdOf(byPath))), data);
        step(alice.did(), write(carol, data, o -> protocol(o, PRIVATE, "thread/reply").put("parentContextId", thread2.get("contextId").asText())
                .put("permissionGrantId", recordIdOf(byPath))), data);
        JsonNode deleteGrant = grant(alice, carol, "{\"interface\":\"Records\",\"method\":\"Delete\",\"protocol\":\"" + SOCIAL + "\"}",
                farFuture(), "deleteGrant");
        step(alice.did(), sdk.create("RecordsDelete", SdkPeer.options().put("recordId", thread2.get("recordId").asText())
                .put("messageTimestamp", next()).put("permissionGrantId", recordIdOf(deleteGrant)).set("signer", carol.signer())));
        step(alice.did(), recordsQuery(alice, o -> o.with("filter").put("protocol", PRIVATE)));
        assertSteps(202, 202, 202, 202, 202, 401, 401, 202, 202, 401, 202, 401, 200);
    }

    @Test
    void grantsScopedToAProtocolLimitMessagesQueriesAndReads() {
        ObjectNode socialConfigure = configure(alice, social(true));
        step(alice.did(), socialConfigure);
        step(alice.did(), configure(alice, privateProtocol()));
        byte[] data = bytes("{}");
        ObjectNode post = write(alice, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post"));
        ObjectNode note = write(alice, data, o -> protocol(o, PRIVATE, "note"));
        step(alice.did(), post, data);
        step(alice.did(), note, data);
        ObjectNode other = write(alice, data, o -> protocol(o, SOCIAL, "post").put("schema", "https://cairn.example/schemas/post"));
        step(alice.did(), other, data);
        ObjectNode deleteOfOther = delete(alice, other, false);
        step(alice.did(), deleteOfOther);

        JsonNode queryGrant = grant(alice, bob, "{\"interface\":\"Messages\",\"method\":\"Query\",\"protocol\":\"" + SOCIAL + "\"}",
                farFuture(), "messagesQueryGrant");
        messages(alice.did(), messagesQuery(bob, recordIdOf(queryGrant), "[{\"protocol\":\"" + SOCIAL + "\"}]"));
        // no filter to check: the SDK's scope loop runs over nothing and lets the query through
        messages(alice.did(), messagesQuery(bob, recordIdOf(queryGrant), "[]"));
        messages(alice.did(), messagesQuery(bob, recordIdOf(queryGrant), "[{\"protocol\":\"" + SOCIAL + "\"},{\"protocol\":\"" + PRIVATE + "\"}]"));
        messages(alice.did(), messagesQuery(carol, recordIdOf(queryGrant), "[{\"protocol\":\"" + SOCIAL + "\"}]"));

        JsonNode readGrant = grant(alice, bob, "{\"interface\":\"Messages\",\"method\":\"Read\",\"protocol\":\"" + SOCIAL + "\"}",
                farFuture(), "messagesReadGrant");
        JsonNode privateGrant = grant(alice, carol, "{\"interface\":\"Records\",\"method\":\"Read\",\"protocol\":\"" + PRIVATE + "\"}",
                farFuture(), "privateGrant");
        for (JsonNode message : new JsonNode[] {post, note, socialConfigure, queryGrant.get("recordsWrite").get("message"),
                privateGrant.get("recordsWrite").get("message")}) {
            step(alice.did(), messagesRead(bob, sdk.messageCid(message), recordIdOf(readGrant)));
        }
        step(alice.did(), messagesRead(bob, sdk.messageCid(deleteOfOther), recordIdOf(readGrant)));
        step(alice.did(), messagesRead(bob, sdk.messageCid(post), recordIdOf(queryGrant)));
        assertSteps(202, 202, 202, 202, 202, 202, 202, 200, 200, 401, 401, 202, 202, 200, 401, 200, 200, 401, 200, 401);
    }

    @Test
    void roleAuthorizedSubscriptionsReceiveTheContextsRecords() {
        String protocol = "http://thread-role.xyz";
        ObjectNode threadRole = json("{\"protocol\":\"" + protocol + "\",\"published\":true,\"types\":{\"thread\":{},\"participant\":{},"
                + "\"chat\":{}},\"structure\":{\"thread\":{\"participant\":{\"$role\":true},"
                + "\"chat\":{\"$actions\":[{\"role\":\"thread/participant\",\"can\":[\"create\",\"read\",\"query\",\"subscribe\"]}]}}}}");
        step(alice.did(), configure(alice, threadRole));
        byte[] data = bytes("{}");
        ObjectNode thread = write(alice, data, o -> protocol(o, protocol, "thread"));
        step(alice.did(), thread, data);
        String context = thread.get("contextId").asText();
        step(alice.did(), write(alice, data, o -> protocol(o, protocol, "thread/participant").put("parentContextId", context)
                .put("recipient", bob.did())), data);
        ObjectNode bobSubscribes = recordsSubscribe(bob, protocol, context, "thread/participant");
        SdkPeer.Reply sdkReply = sdk.process(alice.did(), bobSubscribes);
        List<ObjectNode> cairnEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.cairn.dwn.DwnReply cairnReply = twin.cairn.processMessage(alice.did(), bobSubscribes.deepCopy(),
                new io.cairn.dwn.MessageProcessor.ProcessOptions(null, cairnEvents::add));
        assertThat(cairnReply.statusCode()).isEqualTo(sdkReply.status()).isEqualTo(200);
        assertThat(cairnReply.body()).isEqualTo(sdkReply.body());
        ObjectNode carolSubscribes = recordsSubscribe(carol, protocol, context, "thread/participant");
        SdkPeer.Reply refused = sdk.process(alice.did(), carolSubscribes);
        io.cairn.dwn.DwnReply cairnRefused = twin.cairn.processMessage(alice.did(), carolSubscribes.deepCopy(),
                new io.cairn.dwn.MessageProcessor.ProcessOptions(null, event -> { }));
        assertThat(cairnRefused.statusCode()).isEqualTo(refused.status()).isEqualTo(401);
        assertThat(cairnRefused.body()).isEqualTo(refused.body());

        byte[] chat = bytes("{\"hello\":1}");
        step(alice.did(), write(bob, chat, o -> protocol(o, protocol, "thread/chat").put("parentContextId", context)
                .put("protocolRole", "thread/participant")), chat);
        List<ObjectNode> sdkEvents = sdk.events(sdkReply.subscriptionId(), 1, java.time.Duration.ofSeconds(5));
        assertThat(sdkEvents).hasSize(1);
        assertThat((JsonNode) Twin.JSON.valueToTree(cairnEvents)).isEqualTo((JsonNode) Twin.JSON.valueToTree(sdkEvents));
        cairnReply.subscription().close();
        sdk.unsubscribe(sdkReply.subscriptionId());
        assertSteps(202, 202, 202, 202);
    }

    /** The scenario as the SDK played it: a guard that the steps exercise what they are meant to, not only agreement. */
    private void assertSteps(Integer... expected) {
        assertThat(statuses).as("the SDK's status codes, step by step: %s", statuses).containsExactly(expected);
    }

    private SdkPeer.Reply step(String tenant, JsonNode message) {
        return step(tenant, message, null);
    }

    /** Processes the message in both DWNs (they must agree) and records the SDK's status for the test's summary. */
    private SdkPeer.Reply step(String tenant, JsonNode message, byte[] data) {
        SdkPeer.Reply reply = twin.process(tenant, message, data);
        statuses.add(reply.status());
        return reply;
    }

    // ---- message builders (all signed by the SDK) ----

    private ObjectNode configure(Persona author, JsonNode definition) {
        return configure(author, definition, (String) null);
    }

    private ObjectNode configure(Persona author, JsonNode definition, String permissionGrantId) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next());
        options.set("definition", definition);
        options.set("signer", author.signer());
        if (permissionGrantId != null) {
            options.put("permissionGrantId", permissionGrantId);
        }
        return sdk.create("ProtocolsConfigure", options);
    }

    private ObjectNode configure(Persona author, JsonNode definition, Instant timestamp) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", MICROS.format(timestamp));
        options.set("definition", definition);
        options.set("signer", author.signer());
        return sdk.create("ProtocolsConfigure", options);
    }

    /** A ProtocolsConfigure signed by the SDK around a definition its {@code create} would refuse. */
    private ObjectNode rawConfigure(Persona author, JsonNode definition) {
        ObjectNode descriptor = SdkPeer.options().put("interface", "Protocols").put("method", "Configure").put("messageTimestamp", next());
        descriptor.set("definition", definition);
        JsonNode authorization = sdk.call("Message.createAuthorization", null,
                SdkPeer.options().<ObjectNode>set("descriptor", descriptor).set("signer", author.signer()));
        ObjectNode message = SdkPeer.options();
        message.set("descriptor", descriptor);
        message.set("authorization", authorization);
        return message;
    }

    private ObjectNode protocolsQuery(Persona author, String protocol, String permissionGrantId) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next());
        if (author != null) {
            options.set("signer", author.signer());
        }
        if (protocol != null) {
            options.putObject("filter").put("protocol", protocol);
        }
        if (permissionGrantId != null) {
            options.put("permissionGrantId", permissionGrantId);
        }
        return sdk.create("ProtocolsQuery", options);
    }

    private ObjectNode write(Persona author, byte[] data, Consumer<ObjectNode> customize) {
        String timestamp = next();
        ObjectNode options = SdkPeer.options().put("dataFormat", "application/json").put("messageTimestamp", timestamp)
                .put("dateCreated", timestamp);
        options.set("signer", author.signer());
        options.set("data", SdkPeer.bytes(data));
        customize.accept(options);
        return sdk.create("RecordsWrite", options);
    }

    private ObjectNode update(ObjectNode recordsWrite, Persona author, byte[] data) {
        JsonNode updated = sdk.call("RecordsWrite.createFrom", null, SdkPeer.options().<ObjectNode>set("recordsWriteMessage", recordsWrite)
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("messageTimestamp", next()).set("signer", author.signer()));
        return (ObjectNode) updated.get("message");
    }

    private ObjectNode roleUpdate(ObjectNode recordsWrite, Persona author, byte[] data, String protocolRole) {
        JsonNode updated = sdk.call("RecordsWrite.createFrom", null, SdkPeer.options().<ObjectNode>set("recordsWriteMessage", recordsWrite)
                .<ObjectNode>set("data", SdkPeer.bytes(data)).put("messageTimestamp", next()).put("protocolRole", protocolRole)
                .set("signer", author.signer()));
        return (ObjectNode) updated.get("message");
    }

    private ObjectNode recordsQuery(Persona author, Consumer<ObjectNode> customize) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next());
        options.putObject("filter");
        options.set("signer", author.signer());
        customize.accept(options);
        return sdk.create("RecordsQuery", options);
    }

    /** A MessagesQuery in both DWNs: status, detail and the message CIDs must agree (cursors are each log's own). */
    private void messages(String tenant, ObjectNode query) {
        SdkPeer.Reply expected = sdk.process(tenant, query);
        io.cairn.dwn.DwnReply actual = twin.cairn.processMessage(tenant, query.deepCopy(), io.cairn.dwn.MessageProcessor.ProcessOptions.NONE);
        assertThat(actual.statusCode()).as("status of MessagesQuery: %s", expected.detail()).isEqualTo(expected.status());
        assertThat(actual.body().at("/status/detail").asText()).isEqualTo(expected.detail());
        assertThat(actual.body().path("entries")).isEqualTo(expected.body().path("entries"));
        statuses.add(expected.status());
    }

    private ObjectNode messagesQuery(Persona author, String permissionGrantId, String filters) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next()).put("permissionGrantId", permissionGrantId);
        options.set("filters", json("{\"f\":" + filters + "}").get("f"));
        options.set("signer", author.signer());
        return sdk.create("MessagesQuery", options);
    }

    private ObjectNode messagesRead(Persona author, String messageCid, String permissionGrantId) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next()).put("messageCid", messageCid)
                .put("permissionGrantId", permissionGrantId);
        options.set("signer", author.signer());
        return sdk.create("MessagesRead", options);
    }

    private ObjectNode recordsSubscribe(Persona author, String protocol, String contextId, String protocolRole) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next()).put("protocolRole", protocolRole);
        options.putObject("filter").put("protocol", protocol).put("protocolPath", "thread/chat").put("contextId", contextId);
        options.set("signer", author.signer());
        return sdk.create("RecordsSubscribe", options);
    }

    private ObjectNode recordsRead(Persona author, String recordId, String protocolRole) {
        ObjectNode options = SdkPeer.options().put("messageTimestamp", next());
        options.putObject("filter").put("recordId", recordId);
        options.set("signer", author.signer());
        if (protocolRole != null) {
            options.put("protocolRole", protocolRole);
        }
        return sdk.create("RecordsRead", options);
    }

    /** Creates a grant with the SDK, saves it as {@code saveAs} and processes it in both DWNs. */
    private JsonNode grant(Persona grantor, Persona grantee, String scope, String dateExpires, String saveAs) {
        return grant(grantor, grantee, scope, dateExpires, saveAs, null);
    }

    private JsonNode grant(Persona grantor, Persona grantee, String scope, String dateExpires, String saveAs, String conditions) {
        ObjectNode options = SdkPeer.options().put("grantedTo", grantee.did()).put("dateExpires", dateExpires).put("dateGranted", next());
        options.set("scope", json(scope));
        options.set("signer", grantor.signer());
        if (conditions != null) {
            options.set("conditions", json(conditions));
        }
        JsonNode grant = sdk.call("PermissionsProtocol.createGrant", saveAs, options);
        step(grantor.did(), grant.get("recordsWrite").get("message"), SdkPeer.bytesOf(grant.get("permissionGrantBytes")));
        return grant;
    }

    private JsonNode delegatedGrant(Persona grantor, Persona grantee, String scope, String dateExpires, String saveAs) {
        ObjectNode options = SdkPeer.options().put("grantedTo", grantee.did()).put("dateExpires", dateExpires).put("dateGranted", next())
                .put("delegated", true);
        options.set("scope", json(scope));
        options.set("signer", grantor.signer());
        return sdk.call("PermissionsProtocol.createGrant", saveAs, options);
    }

    private ObjectNode delete(Persona author, ObjectNode record, boolean prune) {
        ObjectNode options = SdkPeer.options().put("recordId", record.get("recordId").asText()).put("messageTimestamp", next());
        if (prune) {
            options.put("prune", true);
        }
        options.set("signer", author.signer());
        return sdk.create("RecordsDelete", options);
    }

    private void revoke(Persona grantor, String savedGrant) {
        JsonNode parsed = sdk.call("PermissionGrant.parse", savedGrant + "Parsed", SdkPeer.ref(savedGrant + ".dataEncodedMessage"));
        assertThat(parsed.get("id").asText()).isNotBlank();
        JsonNode revocation = sdk.call("PermissionsProtocol.createRevocation", null, SdkPeer.options()
                .<ObjectNode>set("grant", SdkPeer.ref(savedGrant + "Parsed")).put("dateRevoked", next()).set("signer", grantor.signer()));
        step(grantor.did(), revocation.get("recordsWrite").get("message"), SdkPeer.bytesOf(revocation.get("permissionRevocationBytes")));
    }

    private static String recordIdOf(JsonNode grant) {
        return grant.get("recordsWrite").get("message").get("recordId").asText();
    }

    private static ObjectNode protocol(ObjectNode options, String protocol, String protocolPath) {
        return options.put("protocol", protocol).put("protocolPath", protocolPath);
    }

    private String next() {
        clock = clock.plusSeconds(1);
        return MICROS.format(clock);
    }

    private Instant timestampBefore(ObjectNode message) {
        return Instant.parse(message.at("/descriptor/messageTimestamp").asText()).minusMillis(500);
    }

    private static String farFuture() {
        return "2099-01-01T00:00:00.000000Z";
    }

    private static ObjectNode social(boolean published) {
        return json("{\"protocol\":\"" + SOCIAL + "\",\"published\":" + published + ",\"types\":{"
                + "\"post\":{\"schema\":\"https://cairn.example/schemas/post\",\"dataFormats\":[\"application/json\"]},\"comment\":{}},"
                + "\"structure\":{\"post\":{\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\",\"read\"]}],"
                + "\"comment\":{\"$size\":{\"min\":1,\"max\":10},\"$actions\":[{\"who\":\"anyone\",\"can\":[\"create\"]},"
                + "{\"who\":\"author\",\"of\":\"post\",\"can\":[\"read\"]}]}}}}");
    }

    private static ObjectNode privateProtocol() {
        return json("{\"protocol\":\"" + PRIVATE + "\",\"published\":false,\"types\":{\"note\":{}},\"structure\":{\"note\":{}}}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Twin.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
