package io.cairn.node.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.node.http.HttpExchange;
import io.cairn.node.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Kubo's RPC API under {@value #PREFIX}, as Kubo's daemon answers it: every command is {@code POST}
 * (other methods get 405 and {@code Allow: OPTIONS, POST}, {@code OPTIONS} 204), a request with an
 * {@code Origin} or {@code Referer} other than the node's own loopback origin 403 (a browser page must
 * not drive it; like Kubo's, the API has no authentication, so the node should listen on loopback or
 * behind a proxy that keeps {@value #PREFIX} private), an unknown command 404
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
    private final Supplier<InetSocketAddress> listening;

    /**
     * {@code dwnRootsRegistered}: the node runs the repo's own DWN, whose stores already keep its record
     * data through gc; {@code listening}: the node's address, whose own origin is the only one a browser
     * may call the API from.
     */
    public KuboRpcRoute(Repo repo, String version, boolean dwnRootsRegistered, Supplier<InetSocketAddress> listening) {
        this.listening = listening;
        AddCommand add = new AddCommand(repo);
        CatCommand cat = new CatCommand(repo);
        PinCommands pin = new PinCommands(repo);
        BlockCommands block = new BlockCommands(repo);
        DagCommands dag = new DagCommands(repo);
        RepoCommands repoCommands = new RepoCommands(repo, dwnRootsRegistered);
        commands.put("add", add::run);
        commands.put("cat", cat::run);
        commands.put("pin/add", pin::add);
        commands.put("pin/rm", pin::rm);
        commands.put("pin/ls", pin::ls);
        commands.put("block/get", block::get);
        commands.put("block/put", block::put);
        commands.put("block/stat", block::stat);
        commands.put("block/rm", block::rm);
        commands.put("dag/export", dag::export);
        commands.put("dag/import", dag::importCars);
        commands.put("repo/stat", repoCommands::stat);
        commands.put("repo/gc", repoCommands::gc);
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
        if (!sameOrigin(ex.headers().get("Origin")) || !sameOrigin(refererOrigin(ex.headers().get("Referer")))) {
            // Kubo's CSRF guard: a web page must not drive the API (a form POST needs no CORS preflight)
            plain(ex, HttpResponseStatus.FORBIDDEN, "403 - Forbidden", Map.of());
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

    /** No origin (curl, the CLI, a server-side client), or the node's own loopback origin. */
    private boolean sameOrigin(String origin) {
        if (origin == null || origin.isEmpty()) return true;
        int port = listening.get().getPort();
        return origin.equals("http://127.0.0.1:" + port) || origin.equals("http://localhost:" + port) || origin.equals("http://[::1]:" + port);
    }

    private static String refererOrigin(String referer) {
        if (referer == null || referer.isEmpty()) return null;
        try {
            URI u = new URI(referer);
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (URISyntaxException e) {
            return "invalid";
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
