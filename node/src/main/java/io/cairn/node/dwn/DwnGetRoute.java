package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JsJson;
import io.cairn.error.CairnException;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;

/**
 * dwn-server 0.6.1's GET convenience routes under {@code /<did>/} (see {@link DwnGetPath}), answered as
 * its handlers answer them: each builds an unsigned message ({@link AnonymousMessages}), so only
 * published records and protocols are visible. A record's data streams with the RecordsRead reply in
 * the {@code dwn-response} header and the record's {@code dataFormat} as content type; an unauthorized
 * read is 404 {@code Not Found} in plain text; other replies go out as JSON with their own status.
 * Deliberate differences: a storage failure is Cairn's 500, not dwn-server's 400; where dwn-server never
 * answers (a path parameter that does not percent-decode; see {@link #urlBreaksDwnServersLog}) Cairn
 * answers, 400 with its JSON error or as usual; a path under a DID that names no route gets Cairn's JSON
 * 404 rather than Express's HTML page; the {@code dwn-response} header leaves out {@code entry.data},
 * which dwn-server fills with the internals of its Node stream object.
 */
final class DwnGetRoute implements HttpRoute {
    /** The router prefix: the first path segment of every route is a DID. */
    static final String PREFIX = "/did:";

    private final MessageProcessor dwn;

    DwnGetRoute(MessageProcessor dwn) {
        this.dwn = dwn;
    }

    @Override
    public String name() {
        return "/{did}/... (dwn get)";
    }

    @Override
    public Set<HttpMethod> methods() {
        return Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (ex.method().equals(HttpMethod.OPTIONS)) {
            Cors.answerPreflight(ex);
            return;
        }
        DwnGetPath path = DwnGetPath.match(ex.rawPath());
        if (path == null) {
            throw new CairnException(CairnException.Kind.NOT_FOUND, "no_route", "no such endpoint: " + ex.path());
        }
        switch (path.kind()) {
            case LATEST_AT_PROTOCOL_PATH -> latestAtProtocolPath(ex, path);
            case PROTOCOL -> protocol(ex, path);
            case READ_RECORD, RECORD -> record(ex, path);
            case QUERY_PROTOCOLS -> queryProtocols(ex, path);
            case QUERY -> query(ex, path);
        }
    }

    private DwnReply process(String did, ObjectNode message) {
        return dwn.processMessage(did, message, MessageProcessor.ProcessOptions.NONE);
    }

    private void record(HttpExchange ex, DwnGetPath path) throws IOException {
        ObjectNode read;
        try {
            read = AnonymousMessages.recordsRead(path.param());
        } catch (AnonymousMessages.CreateFailure e) {
            // dwn-server has no catch here (the request would hang); a record ID is any string, so this is unreachable
            ExpressReplies.json(ex, HttpResponseStatus.BAD_REQUEST, e.asJson());
            return;
        }
        answerRead(ex, process(path.did(), read));
    }

    /** dwn-server's {@code readReplyHandler}. */
    private static void answerRead(HttpExchange ex, DwnReply reply) throws IOException {
        int code = reply.statusCode();
        ObjectNode body = StoredMessageOrder.recordsReadReply(reply.body());
        if (code == 200 && reply.data() != null) {
            String dataFormat = body.at("/entry/recordsWrite/descriptor/dataFormat").asText();
            ExpressReplies.streamData(ex, dataFormat, body, reply.data());
            return;
        }
        closeQuietly(reply.data());
        if (code == 200) {
            ExpressReplies.sendStatus(ex, 400);
        } else if (code == 401) {
            ExpressReplies.sendStatus(ex, 404);
        } else {
            ExpressReplies.json(ex, HttpResponseStatus.valueOf(code), body);
        }
    }

    private void protocol(HttpExchange ex, DwnGetPath path) throws IOException {
        ObjectNode query;
        try {
            query = AnonymousMessages.protocolsQuery(base64UrlText(path.param()));
        } catch (AnonymousMessages.CreateFailure | DwnError e) {
            ExpressReplies.sendStatus(ex, 400);
            return;
        }
        DwnReply reply = process(path.did(), query);
        int code = reply.statusCode();
        JsonNode entries = reply.body().path("entries");
        if (code == 200 && !entries.isEmpty()) {
            ExpressReplies.json(ex, HttpResponseStatus.OK, StoredMessageOrder.canonical(entries.get(0)));
        } else {
            ExpressReplies.sendStatus(ex, code == 200 || code == 401 ? 404 : code);
        }
    }

    private void latestAtProtocolPath(HttpExchange ex, DwnGetPath path) throws IOException {
        if (path.tail().isEmpty()) {
            ExpressReplies.html(ex, HttpResponseStatus.BAD_REQUEST, "protocol path is required");
            return;
        }
        ObjectNode query;
        try {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.putObject("filter");
            ExpressQuery.fold(ExpressQuery.parse(ex.rawQuery()), root);
            JsonNode given = root.get("filter");
            if (given.isTextual()) throw new ExpressQuery.NotAnObject("filter");
            ObjectNode filter = AnonymousMessages.spread(given);
            filter.put("protocol", base64UrlText(path.param()));
            filter.put("protocolPath", withoutOneSlash(path.tail()));
            query = AnonymousMessages.recordsQuery(filter, JsonNodeFactory.instance.objectNode().put("limit", 1),
                    JsonNodeFactory.instance.textNode("publishedDescending"));
        } catch (AnonymousMessages.CreateFailure | ExpressQuery.NotAnObject | DwnError e) {
            ExpressReplies.sendStatus(ex, 400);
            return;
        }
        DwnReply reply = process(path.did(), query);
        int code = reply.statusCode();
        JsonNode latest = reply.body().path("entries").path(0);
        if (code == 200 && !latest.isMissingNode()) {
            ObjectNode read;
            try {
                read = AnonymousMessages.recordsRead(latest.path("recordId").asText());
            } catch (AnonymousMessages.CreateFailure e) {
                ExpressReplies.sendStatus(ex, 400);
                return;
            }
            answerRead(ex, process(path.did(), read));
        } else {
            ExpressReplies.sendStatus(ex, code == 200 || code == 401 ? 404 : code);
        }
    }

    private void queryProtocols(HttpExchange ex, DwnGetPath path) throws IOException {
        DwnReply reply = process(path.did(), AnonymousMessages.protocolsQuery(null));
        int code = reply.statusCode();
        if (code == 200) {
            ExpressReplies.json(ex, HttpResponseStatus.OK, StoredMessageOrder.canonical(reply.body().path("entries")));
        } else {
            ExpressReplies.sendStatus(ex, code == 401 ? 404 : code);
        }
    }

    /** Always 200 with the reply, whatever its status; 400 with the error when the message cannot be created. */
    private void query(HttpExchange ex, DwnGetPath path) throws IOException {
        ObjectNode query;
        try {
            ObjectNode options = ExpressQuery.fold(ExpressQuery.parse(ex.rawQuery()), JsonNodeFactory.instance.objectNode());
            query = AnonymousMessages.recordsQuery(options.get("filter"), options.get("pagination"), options.get("dateSort"));
        } catch (AnonymousMessages.CreateFailure e) {
            ExpressReplies.json(ex, HttpResponseStatus.BAD_REQUEST, e.asJson());
            return;
        } catch (ExpressQuery.NotAnObject e) {
            ExpressReplies.json(ex, HttpResponseStatus.BAD_REQUEST, JsonNodeFactory.instance.objectNode()); // a TypeError: {}
            return;
        }
        if (urlBreaksDwnServersLog(ex)) {
            ExpressReplies.json(ex, HttpResponseStatus.BAD_REQUEST, JsonNodeFactory.instance.objectNode()); // the URIError: {}
            return;
        }
        ExpressReplies.json(ex, HttpResponseStatus.OK, StoredMessageOrder.recordsQueryReply(process(path.did(), query).body()));
    }

    /**
     * Whether {@code decodeURI(req.url)} throws (a malformed percent escape, in the query: the path's
     * is refused before). dwn-server logs every response with it in a hook on its first {@code writeHead},
     * so the first response a handler sends throws there. Only {@code /query} catches that and answers
     * (400, the URIError as {@code {}}). On the other routes (no try block, or a catch that logs with
     * decodeURI again) dwn-server never answers, or, for record data, sends the headers and an empty body;
     * Cairn answers as usual, data included.
     */
    private static boolean urlBreaksDwnServersLog(HttpExchange ex) {
        return ExpressQuery.decodeUriComponent(ex.rawPath()) == null || ExpressQuery.decodeUriComponent(ex.rawQuery()) == null;
    }

    /** {@code Convert.base64Url(segment).toString()}: base64url-decoded, then UTF-8 as TextDecoder reads it. */
    private static String base64UrlText(String segment) {
        return JsJson.decodeUtf8(Base64Url.decode(segment));
    }

    /** {@code replace(/^\/|\/$/, '')}: a leading slash, else a trailing one. */
    private static String withoutOneSlash(String path) {
        if (path.startsWith("/")) return path.substring(1);
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing of it is sent
        }
    }
}
