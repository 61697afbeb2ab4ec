package io.cairn.node.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kubo's RPC API under {@value #PREFIX}, as Kubo's daemon answers it: every command is {@code POST}
 * (other methods get 405 and {@code Allow: OPTIONS, POST}, {@code OPTIONS} 204), an unknown command 404
 * {@code 404 page not found}, a request the command parser refuses (a required argument missing, an
 * option value that does not convert) 400 with the message as plain text, and a command's failure
 * Kubo's JSON error {@code {"Message", "Code", "Type": "error"}}: 400 with code 1 (Kubo's client error)
 * for bad input, 500 with code 0 otherwise. These bodies differ from the node's own
 * {@code {"error": {code, message}}} on purpose, so Kubo's clients read them; the node's error code and
 * kind travel in {@code X-Cairn-Error-Code} and {@code X-Cairn-Error-Kind}, which the {@code cairn} CLI
 * uses to keep its exit codes. A failure after the output started cuts the connection.
 */
public final class KuboRpcRoute implements HttpRoute {
    public static final String PREFIX = "/api/v0/";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<HttpMethod> EVERY_METHOD = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT);
    private static final String ALLOW = "OPTIONS, POST";

    /** One command: reads its arguments from the exchange and writes its output. */
    interface Command {
        void run(HttpExchange ex, RpcArgs args) throws Exception;
    }

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public KuboRpcRoute(Repo repo, String version) {
        AddCommand add = new AddCommand(repo);
        CatCommand cat = new CatCommand(repo);
        PinCommands pin = new PinCommands(repo);
        commands.put("add", add::run);
        commands.put("cat", cat::run);
        commands.put("pin/add", pin::add);
        commands.put("pin/rm", pin::rm);
        commands.put("pin/ls", pin::ls);
        commands.put("version", (ex, args) -> RpcOutput.json(ex, VersionInfo.of(version, Repo.VERSION)));
    }

    @Override
    public String name() {
        return PREFIX + "*";
    }

    @Override
    public Set<HttpMethod> methods() {
        return EVERY_METHOD; // Kubo's own 405 and OPTIONS answers, not the server's
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        if (ex.method().equals(HttpMethod.OPTIONS)) {
            ex.respond(HttpResponseStatus.NO_CONTENT, null, new byte[0], Map.of("Allow", ALLOW));
            return;
        }
        if (!ex.method().equals(HttpMethod.POST)) {
            plain(ex, HttpResponseStatus.METHOD_NOT_ALLOWED, "405 - Method Not Allowed", Map.of("Allow", ALLOW));
            return;
        }
        String path = ex.path().substring(PREFIX.length());
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        Command command = commands.get(path);
        if (command == null) {
            plain(ex, HttpResponseStatus.NOT_FOUND, "404 page not found", Map.of());
            return;
        }
        try {
            command.run(ex, new RpcArgs(ex));
        } catch (RpcUsageException e) {
            if (!RpcOutput.started(ex)) plain(ex, HttpResponseStatus.BAD_REQUEST, e.getMessage(), errorHeaders(e));
            else throw e;
        } catch (CairnException e) {
            if (RpcOutput.started(ex)) throw e;
            boolean client = e.kind() == CairnException.Kind.BAD_INPUT;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Message", e.getMessage());
            body.put("Code", client ? 1 : 0);
            body.put("Type", "error");
            ex.respondJson(client ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.INTERNAL_SERVER_ERROR, body, errorHeaders(e));
        }
    }

    private static Map<String, String> errorHeaders(CairnException e) {
        return Map.of("X-Cairn-Error-Code", e.code(), "X-Cairn-Error-Kind", e.kind().name());
    }

    /** Go's {@code http.Error}: the message and a newline as plain text. */
    private static void plain(HttpExchange ex, HttpResponseStatus status, String message, Map<String, String> headers) throws java.io.IOException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("X-Content-Type-Options", "nosniff");
        ex.respond(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), h);
    }
}
