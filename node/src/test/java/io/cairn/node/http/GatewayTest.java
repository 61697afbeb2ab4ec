package io.cairn.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.car.CarReader;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import io.cairn.multiformats.Cid;
import io.cairn.node.CairnNode;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {
    @TempDir
    Path dir;

    CairnNode node;
    HttpClient http = HttpClient.newHttpClient();
    byte[] data;
    Cid file;
    Cid site;

    @BeforeEach
    void start() throws Exception {
        CairnConfig defaults = ConfigLoader.load(null, Map.of());
        node = CairnNode.start(new CairnConfig(new CairnConfig.Node(dir.resolve("repo"), "127.0.0.1", 0, 16 * 1024, Duration.ofSeconds(10)),
                defaults.decentralized()));
        data = new byte[3_000_000];
        new SplittableRandom(3).nextBytes(data);
        file = new UnixfsImporter(node.repo().blockstore(), ImportOptions.kubo()).importFile(new ByteArrayInputStream(data)).root();
        Path tree = Files.createDirectories(dir.resolve("site/docs"));
        Files.writeString(tree.resolve("readme.txt"), "read me");
        Files.write(tree.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});
        site = new UnixfsImporter(node.repo().blockstore(), ImportOptions.helia()).importPath(dir.resolve("site")).root();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private String base() {
        return "http://127.0.0.1:" + node.address().getPort();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesFileBytesWithContentTypeAndImmutableCaching() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(data);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("etag")).hasValue("\"" + file + "\"");
        assertThat(r.headers().firstValue("cache-control").orElseThrow()).contains("immutable");
        assertThat(r.headers().firstValue("x-ipfs-path")).hasValue("/ipfs/" + file);
        assertThat(get("/ipfs/" + file, "If-None-Match", "\"" + file + "\"").statusCode()).isEqualTo(304);
    }

    @Test
    void answersRangeRequests() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file, "Range", "bytes=1000-1999");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes 1000-1999/3000000");
        assertThat(get("/ipfs/" + file, "Range", "bytes=-10").body()).isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
        assertThat(get("/ipfs/" + file, "Range", "bytes=2999990-").body()).hasSize(10);
        HttpResponse<byte[]> unsatisfiable = get("/ipfs/" + file, "Range", "bytes=5000000-");
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("content-range")).hasValue("bytes */3000000");
    }

    @Test
    void resolvesPathsAndSniffsTypes() throws Exception {
        HttpResponse<byte[]> text = get("/ipfs/" + site + "/docs/readme.txt");
        assertThat(new String(text.body())).isEqualTo("read me");
        assertThat(text.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(get("/ipfs/" + site + "/docs/image.png").headers().firstValue("content-type")).hasValue("image/png");
        HttpResponse<byte[]> listing = get("/ipfs/" + site + "/docs/");
        assertThat(new String(listing.body())).contains("href=\"readme.txt\"").contains("href=\"image.png\"");
        assertThat(listing.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    }

    @Test
    void servesRawBlocksAndVerifiableCars() throws Exception {
        HttpResponse<byte[]> raw = get("/ipfs/" + file + "?format=raw");
        assertThat(raw.headers().firstValue("content-type")).hasValue("application/vnd.ipld.raw");
        assertThat(raw.body()).isEqualTo(node.repo().blockstore().get(file));
        assertThat(get("/ipfs/" + file, "Accept", "application/vnd.ipld.raw").body()).isEqualTo(raw.body());

        HttpResponse<byte[]> car = get("/ipfs/" + site + "/docs/readme.txt", "Accept", "application/vnd.ipld.car");
        assertThat(car.statusCode()).isEqualTo(200);
        assertThat(car.headers().firstValue("content-type").orElseThrow()).startsWith("application/vnd.ipld.car");
        Set<Cid> got = new HashSet<>();
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car.body()))) {
            assertThat(reader.roots()).containsExactly(site);
            for (Block b = reader.next(); b != null; b = reader.next()) got.add(b.cid()); // verified against its CID
        }
        assertThat(got).hasSize(3); // site, docs, readme.txt: the path and the file

        HttpResponse<byte[]> whole = get("/ipfs/" + file + "?format=car");
        long blocks = 0;
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(whole.body()))) {
            while (reader.next() != null) blocks++;
        }
        assertThat(blocks).isEqualTo(13); // 12 leaves of 256 KiB and the root

        HttpResponse<byte[]> range = get("/ipfs/" + file + "?format=car&dag-scope=entity&entity-bytes=0:1000");
        long rangeBlocks = 0;
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(range.body()))) {
            while (reader.next() != null) rangeBlocks++;
        }
        assertThat(rangeBlocks).isEqualTo(2);
    }

    @Test
    void badRequestsGetA4xxWithAJsonBody() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpResponse<byte[]> bad = get("/ipfs/not-a-cid");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode err = json.readTree(bad.body());
        assertThat(err.at("/error/code").asText()).isEqualTo("invalid_cid");
        assertThat(err.at("/error/message").asText()).contains("not-a-cid");
        HttpResponse<byte[]> missing = get("/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).at("/error/code").asText()).isEqualTo("block_not_found");
        assertThat(get("/ipfs/" + site + "/nope").statusCode()).isEqualTo(404);
        assertThat(get("/ipfs/" + file + "?format=zip").statusCode()).isEqualTo(400);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void acceptsSixteenKibOfRequestHeadersAndAnswers431Beyond() throws Exception {
        // 15 headers of 1 KiB each plus the client's own: about 16 KiB in all, the configured limit
        String[] headers = new String[30];
        for (int i = 0; i < 15; i++) {
            headers[2 * i] = "X-Pad-" + i;
            headers[2 * i + 1] = "x".repeat(1000);
        }
        assertThat(get("/ipfs/" + file + "?format=raw", headers).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> tooLarge = get("/ipfs/" + file + "?format=raw", "X-Big", "x".repeat(17 * 1024));
        assertThat(tooLarge.statusCode()).isEqualTo(431);
        assertThat(new ObjectMapper().readTree(tooLarge.body()).at("/error/code").asText()).isEqualTo("headers_too_large");
    }

    @Test
    void headAnswersWithTheHeadersOfGetAndNoBody() throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create(base() + "/ipfs/" + file)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> r = http.send(head, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-length")).hasValue("3000000");
        assertThat(r.headers().firstValue("etag")).hasValue("\"" + file + "\"");
        assertThat(r.body()).isEmpty();
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(base() + "/ipfs/" + file))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void directoriesRedirectToTheirSlashFormAndServeIndexHtml() throws Exception {
        HttpResponse<byte[]> noSlash = get("/ipfs/" + site + "/docs");
        assertThat(noSlash.statusCode()).isEqualTo(301);
        assertThat(noSlash.headers().firstValue("location")).hasValue("/ipfs/" + site + "/docs/");
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "<p>home</p>");
        Files.writeString(www.resolve("a b+c.txt"), "spaced");
        Cid w = new UnixfsImporter(node.repo().blockstore(), ImportOptions.kubo()).importPath(www).root();
        HttpResponse<byte[]> index = get("/ipfs/" + w + "/");
        assertThat(new String(index.body())).isEqualTo("<p>home</p>");
        assertThat(index.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        HttpResponse<byte[]> spaced = get("/ipfs/" + w + "/a%20b+c.txt");
        assertThat(spaced.statusCode()).isEqualTo(200);
        assertThat(new String(spaced.body())).isEqualTo("spaced");
        assertThat(spaced.headers().firstValue("x-ipfs-path")).hasValue("/ipfs/" + w + "/a%20b%2Bc.txt");
        assertThat(spaced.headers().firstValue("x-ipfs-roots")).hasValue(w + "," + new UnixfsImporter(new io.cairn.ipfs.block.MemoryBlockstore(),
                ImportOptions.kubo()).importFile(new ByteArrayInputStream("spaced".getBytes())).root());
    }

    @Test
    void answersTheTrustlessGatewayProbesAndOnlyIfCached() throws Exception {
        HttpResponse<byte[]> raw = get("/ipfs/bafkqaaa?format=raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEmpty();
        HttpResponse<byte[]> car = get("/ipfs/bafkqaaa", "Accept", "application/vnd.ipld.car");
        assertThat(car.statusCode()).isEqualTo(200);
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(car.body()))) {
            assertThat(reader.roots()).containsExactly(Cid.parse("bafkqaaa"));
            assertThat(reader.next()).isNull(); // identity blocks stay out of CARs
        }
        String missing = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
        assertThat(get("/ipfs/" + missing + "?format=raw", "Cache-Control", "only-if-cached").statusCode()).isEqualTo(412);
        assertThat(get("/ipfs/" + file + "?format=raw", "Cache-Control", "only-if-cached").statusCode()).isEqualTo(200);
    }

    @Test
    void entityBytesSelectsTheBlocksOfARangeAndRejectsOneOutsideTheFile() throws Exception {
        HttpResponse<byte[]> tail = get("/ipfs/" + file + "?format=car&entity-bytes=-1:*");
        List<Cid> blocks = new java.util.ArrayList<>();
        try (CarReader reader = CarReader.open(new ByteArrayInputStream(tail.body()))) {
            for (Block b = reader.next(); b != null; b = reader.next()) blocks.add(b.cid());
        }
        assertThat(blocks).hasSize(2).first().isEqualTo(file); // the root and the last leaf
        assertThat(tail.headers().firstValue("etag").orElseThrow()).contains(".car.entity.-1:*").doesNotContain("\"" + file + "\"")
                .isNotEqualTo(get("/ipfs/" + file + "?format=car").headers().firstValue("etag").orElseThrow());
        HttpResponse<byte[]> outside = get("/ipfs/" + file + "?format=car&entity-bytes=3000000:*");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(outside.body()).at("/error/code").asText()).isEqualTo("invalid_entity_bytes");
        assertThat(get("/ipfs/" + file + "?format=car&entity-bytes=abc").statusCode()).isEqualTo(400);
        assertThat(get("/ipfs/" + file + "?format=car&dag-scope=everything").statusCode()).isEqualTo(400);
    }

    @Test
    void healthAndPrometheusMetrics() throws Exception {
        get("/ipfs/" + file);
        JsonNode health = new ObjectMapper().readTree(get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.at("/repo/ok").asBoolean()).isTrue();
        String metrics = new String(get("/metrics").body());
        assertThat(metrics).contains("http_server_requests_seconds_bucket{")
                .contains("route=\"/ipfs/{cid}\"")
                .contains("cairn_gateway_served_bytes_total 3000000")
                .contains("cairn_blockstore_blocks ")
                .contains("cairn_blockstore_bytes ");
    }

    @Test
    void shutdownLetsARequestInFlightFinish() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.address().getPort() + "/ipfs/" + file)).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            byte[] first = body.readNBytes(1000);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
            Thread.sleep(100);
            byte[] rest = body.readAllBytes();
            closing.get();
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            assertThat(all).isEqualTo(data);
        }
        node = CairnNode.start(new CairnConfig(new CairnConfig.Node(dir.resolve("repo"), "127.0.0.1", 0, 16 * 1024, Duration.ofSeconds(1)),
                ConfigLoader.load(null, Map.of()).decentralized()));
        assertThat(node.repo().blockstore().has(file)).isTrue();
    }
}
