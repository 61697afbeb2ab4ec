package io.cairn.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import io.cairn.node.CairnNode;
import io.cairn.node.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubo RPC subset on a node in this JVM, over HTTP: add (files, directories, wrapping, CIDv0/v1,
 * chunker) gives the importer's CIDs and Kubo's NDJSON lines; cat with offset/length across paths;
 * pins; Kubo's 405/404/400 answers and JSON errors.
 */
class KuboRpcRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    CairnNode node;

    @BeforeEach
    void start() {
        node = CairnNode.builder(ConfigLoader.parse("[node]\nrepo = \"" + dir.resolve("repo") + "\"\nhttp_port = 0\n", "test", Map.of()))
                .withoutDwn().start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** A multipart body as kubo-rpc-client writes it: parts named by url-escaped paths. */
    static final class Multipart {
        final String boundary = "-----------------------------cairnTestBoundary";
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int index;

        Multipart file(String path, byte[] content) {
            return part(path, "application/octet-stream", content);
        }

        Multipart dir(String path) {
            return part(path, "application/x-directory", null);
        }

        private Multipart part(String path, String type, byte[] content) {
            String field = (content == null ? "dir" : "file") + (index > 0 ? "-" + index : "");
            write((index > 0 ? "\r\n" : "") + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20") + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            if (content != null) body.writeBytes(content);
            index++;
            return this;
        }

        byte[] bytes() {
            write("\r\n--" + boundary + "--\r\n");
            return body.toByteArray();
        }

        private void write(String s) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    HttpResponse<byte[]> post(String pathAndQuery, Multipart body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + "/api/v0/" + pathAndQuery));
        if (body == null) b.POST(HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "multipart/form-data; boundary=" + body.boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<JsonNode> lines(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\n")) if (!line.isEmpty()) out.add(JSON.readTree(line));
        return out;
    }

    static Cid imported(byte[] data, ImportOptions options) {
        return new UnixfsImporter(new MemoryBlockstore(), options).importFile(new ByteArrayInputStream(data)).root();
    }

    @Test
    void addStreamsKubosLinesWithTheImportersCidsAndPinsTheRoot() throws Exception {
        byte[] data = new byte[700_000];
        new Random(7).nextBytes(data);
        List<JsonNode> v0 = lines(post("add?stream-channels=true&progress=false", new Multipart().file("", data)));
        Cid expected = imported(data, ImportOptions.kubo());
        assertThat(v0).hasSize(1);
        assertThat(v0.get(0).get("Name").asText()).as("an unnamed file is named by its CID, as in Kubo").isEqualTo(expected.toString());
        assertThat(v0.get(0).get("Hash").asText()).isEqualTo(expected.toString());
        assertThat(Long.parseLong(v0.get(0).get("Size").asText())).isGreaterThan(data.length);
        assertThat(node.repo().pins().pinType(expected)).isPresent();

        List<JsonNode> v1 = lines(post("add?cid-version=1&chunker=size-1000&pin=false", new Multipart().file("a b.bin", data)));
        Cid expected1 = imported(data, ImportOptions.kubo().withCidVersion(1).withRawLeaves(true).withChunkSize(1000));
        assertThat(v1.get(0).get("Name").asText()).isEqualTo("a b.bin");
        assertThat(v1.get(0).get("Hash").asText()).isEqualTo(expected1.toString());
        assertThat(node.repo().pins().pinType(expected1)).isEmpty();

        List<JsonNode> withProgress = lines(post("add?progress=true", new Multipart().file("p.bin", data)));
        assertThat(withProgress.get(0).get("Bytes").asLong()).isPositive();
        assertThat(withProgress.get(withProgress.size() - 2).toString()).isEqualTo("{\"Name\":\"p.bin\",\"Bytes\":" + data.length + "}");
        assertThat(withProgress.get(withProgress.size() - 1).get("Hash").asText()).isEqualTo(expected.toString());

        HttpResponse<byte[]> gateway = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/ipfs/" + expected1)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gateway.body()).isEqualTo(data);
    }

    @Test
    void aDirectoryUploadGivesTheSameTreeAsImportingItFromDisk() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/sub/deeper"));
        Files.writeString(dir.resolve("tree/b.txt"), "bee");
        Files.writeString(dir.resolve("tree/a.txt"), "ay");
        Files.writeString(dir.resolve("tree/sub/c.txt"), "sea");
        Files.createDirectories(dir.resolve("tree/empty"));
        Cid expected = new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo()).importPath(dir.resolve("tree")).root();
        List<JsonNode> events = lines(post("add", new Multipart().dir("tree").file("tree/b.txt", "bee".getBytes()).file("tree/a.txt", "ay".getBytes())
                .dir("tree/empty").dir("tree/sub").file("tree/sub/c.txt", "sea".getBytes()).dir("tree/sub/deeper")));
        assertThat(events.stream().map(e -> e.get("Name").asText()).toList())
                .containsExactly("tree/b.txt", "tree/a.txt", "tree/empty", "tree/sub/c.txt", "tree/sub/deeper", "tree/sub", "tree");
        assertThat(events.get(events.size() - 1).get("Hash").asText()).isEqualTo(expected.toString());

        List<JsonNode> wrapped = lines(post("add?wrap-with-directory=true", new Multipart().file("x.txt", "x".getBytes())));
        assertThat(wrapped).hasSize(2);
        assertThat(wrapped.get(1).get("Name").asText()).isEmpty();
        HttpResponse<byte[]> inside = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/ipfs/" + wrapped.get(1).get("Hash").asText() + "/x.txt")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(inside.body(), StandardCharsets.UTF_8)).isEqualTo("x");

        List<JsonNode> implicit = lines(post("add", new Multipart().file("p/q.txt", "q".getBytes())));
        assertThat(implicit.stream().map(e -> e.get("Name").asText()).toList()).as("parents may be left implicit").containsExactly("p/q.txt", "p");

        HttpResponse<byte[]> parentless = post("add", new Multipart().dir(""));
        assertThat(parentless.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(parentless.body()).get("Message").asText()).isEqualTo("a directory or symlink needs a name");
    }

    @Test
    void catReadsRangesAcrossPathsAsKuboDoes() throws Exception {
        String a = lines(post("add", new Multipart().file("a", "0123456789".getBytes()))).get(0).get("Hash").asText();
        String dirCid = lines(post("add", new Multipart().dir("d").file("d/b", "abcdef".getBytes()))).get(1).get("Hash").asText();
        assertThat(new String(post("cat?arg=" + a, null).body())).isEqualTo("0123456789");
        HttpResponse<byte[]> range = post("cat?arg=" + a + "&arg=/ipfs/" + dirCid + "/b&offset=8&length=5", null);
        assertThat(new String(range.body())).isEqualTo("89abc");
        assertThat(range.headers().firstValue("X-Content-Length")).hasValue("5");
        assertThat(new String(post("cat?arg=" + a + "&arg=" + dirCid + "/b&offset=12", null).body())).isEqualTo("cdef");

        HttpResponse<byte[]> directory = post("cat?arg=" + dirCid, null);
        assertThat(directory.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(directory.body()).toString()).isEqualTo("{\"Message\":\"" + dirCid + " is not a file\",\"Code\":1,\"Type\":\"error\"}");
        HttpResponse<byte[]> negative = post("cat?arg=" + a + "&offset=-1", null);
        assertThat(JSON.readTree(negative.body()).get("Message").asText()).isEqualTo("cannot specify negative offset");
        HttpResponse<byte[]> missing = post("cat?arg=bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", null);
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(missing.body()).get("Code").asInt()).isZero();
        assertThat(missing.headers().firstValue("X-Cairn-Error-Kind")).hasValue("NOT_FOUND");
    }

    @Test
    void pinsInKubosShapes() throws Exception {
        String a = lines(post("add?pin=false", new Multipart().file("a", "pin me".getBytes()))).get(0).get("Hash").asText();
        assertThat(JSON.readTree(post("pin/add?arg=" + a, null).body()).toString()).isEqualTo("{\"Pins\":[\"" + a + "\"]}");
        assertThat(JSON.readTree(post("pin/ls?type=recursive", null).body()).toString())
                .isEqualTo("{\"Keys\":{\"" + a + "\":{\"Type\":\"recursive\",\"Name\":\"\"}}}");
        assertThat(lines(post("pin/ls?stream=true", null)).get(0).toString()).isEqualTo("{\"Cid\":\"" + a + "\",\"Type\":\"recursive\"}");
        assertThat(JSON.readTree(post("pin/rm?arg=" + a, null).body()).toString()).isEqualTo("{\"Pins\":[\"" + a + "\"]}");
        HttpResponse<byte[]> notPinned = post("pin/ls?arg=" + a, null);
        assertThat(notPinned.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(notPinned.body()).get("Message").asText()).isEqualTo("path '" + a + "' is not pinned");
        assertThat(JSON.readTree(post("pin/ls?type=sideways", null).body()).get("Code").asInt()).isEqualTo(1);
    }

    @Test
    void kubosAnswersToWrongMethodsUnknownCommandsAndUnparsableRequests() throws Exception {
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v0/version")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).isEqualTo("405 - Method Not Allowed\n");
        assertThat(get.headers().firstValue("Allow")).hasValue("OPTIONS, POST");

        HttpResponse<byte[]> unknown = post("frobnicate", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body())).isEqualTo("404 page not found\n");

        HttpResponse<byte[]> noArg = post("cat", null);
        assertThat(noArg.statusCode()).isEqualTo(400);
        assertThat(new String(noArg.body())).isEqualTo("argument \"ipfs-path\" is required\n");
        HttpResponse<byte[]> badInt = post("cat?arg=x&offset=abc", null);
        assertThat(badInt.statusCode()).isEqualTo(400);
        assertThat(new String(badInt.body())).startsWith("could not convert value \"abc\" to type \"int64\"");
        HttpResponse<byte[]> noFile = post("add", null);
        assertThat(new String(noFile.body())).isEqualTo("file argument 'path' is required\n");

        HttpResponse<String> crossSite = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v0/pin/rm?arg=x"))
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).as("a web page may not drive the API").isEqualTo(403);
        assertThat(crossSite.body()).isEqualTo("403 - Forbidden\n");
        HttpResponse<String> ownOrigin = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v0/version"))
                .header("Origin", node.url()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ownOrigin.statusCode()).isEqualTo(200);

        JsonNode version = JSON.readTree(post("version", null).body());
        assertThat(version.get("Version").asText()).isEqualTo(CairnNode.VERSION);
        assertThat(version.get("Repo").asText()).isEqualTo("1");
    }
}
