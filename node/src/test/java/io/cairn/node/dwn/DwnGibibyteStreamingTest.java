package io.cairn.node.dwn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.interop.SdkPeer;
import io.cairn.node.cli.ServeChild;
import io.cairn.storage.UnixfsDataCidComputer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1 GiB of record data into and out of {@code cairn serve} through the DWN's HTTP endpoint, the node
 * running in a child JVM with a 96 MiB heap: the RecordsWrite (signed by dwn-sdk-js over the data's
 * CID) streams its body into the blockstore, and the RecordsRead streams it back byte for byte, through
 * {@code POST /} and through dwn-server's {@code GET /<did>/records/<id>} (the record is published).
 */
class DwnGibibyteStreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SIZE = 1L << 30;
    private static final long SEED = 1_073_741_824L;

    @TempDir
    Path dir;

    /** The test's data, generated again on every read: never held in memory. */
    private static InputStream data() {
        return new InputStream() {
            final SplittableRandom random = new SplittableRandom(SEED);
            final byte[] block = new byte[1 << 16];
            int at = block.length;
            long left = SIZE;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                if (at == block.length) {
                    random.nextBytes(block);
                    at = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - at), left);
                System.arraycopy(block, at, b, off, n);
                at += n;
                left -= n;
                return n;
            }
        };
    }

    private static String sha256(InputStream in, long[] count) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
            count[0] += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void aGibibyteGoesInAndOutThroughHttpOnA96MiBHeap() throws Exception {
        String dataCid = new UnixfsDataCidComputer().computeCid(data());
        String expectedSha = sha256(data(), new long[1]);
        ObjectNode write;
        ObjectNode read;
        String tenant;
        try (SdkPeer sdk = SdkPeer.start()) {
            SdkPeer.Persona alice = sdk.persona("alice");
            tenant = alice.did();
            write = sdk.create("RecordsWrite", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                    .put("dataCid", dataCid).put("dataSize", SIZE).put("dataFormat", "application/octet-stream").put("published", true));
            read = sdk.create("RecordsRead", SdkPeer.options().<ObjectNode>set("signer", alice.signer())
                    .set("filter", SdkPeer.options().put("recordId", write.get("recordId").asText())));
        }
        try (ServeChild server = serve(dir.resolve("repo"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long start = System.nanoTime();
            HttpResponse<String> written = http.send(HttpRequest.newBuilder(URI.create(server.url("/")))
                    .header("dwn-request", rpc(1, tenant, write)).header("content-type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(DwnGibibyteStreamingTest::data), SIZE))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
            assertThat(JSON.readTree(written.body()).at("/result/reply/status/code").asInt()).as(written.body()).isEqualTo(202);

            long uploaded = System.nanoTime();
            HttpResponse<InputStream> back = http.send(HttpRequest.newBuilder(URI.create(server.url("/"))).header("dwn-request", rpc(2, tenant, read))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(back.statusCode()).isEqualTo(200);
            JsonNode response = JSON.readTree(back.headers().firstValue("dwn-response").orElseThrow());
            assertThat(response.at("/result/reply/status/code").asInt()).isEqualTo(200);
            assertThat(response.at("/result/reply/entry/recordsWrite/descriptor/dataCid").asText()).isEqualTo(dataCid);
            long[] count = {0};
            try (InputStream body = back.body()) {
                assertThat(sha256(body, count)).isEqualTo(expectedSha);
            }
            assertThat(count[0]).isEqualTo(SIZE);
            long downloaded = System.nanoTime();

            HttpResponse<InputStream> got = http.send(HttpRequest.newBuilder(URI.create(server.url("/" + tenant + "/records/" + write.get("recordId").asText())))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.headers().firstValue("content-type")).hasValue("application/octet-stream");
            assertThat(JSON.readTree(got.headers().firstValue("dwn-response").orElseThrow()).at("/entry/recordsWrite/descriptor/dataCid").asText())
                    .isEqualTo(dataCid);
            long[] gotCount = {0};
            try (InputStream body = got.body()) {
                assertThat(sha256(body, gotCount)).isEqualTo(expectedSha);
            }
            assertThat(gotCount[0]).isEqualTo(SIZE);
            long gotten = System.nanoTime();
            System.err.printf("DWN 1 GiB over HTTP (-Xmx96m node): RecordsWrite %.1f MiB/s, RecordsRead %.1f MiB/s, GET /{did}/records/{id} %.1f MiB/s%n",
                    1024 / ((uploaded - start) / 1e9), 1024 / ((downloaded - uploaded) / 1e9), 1024 / ((gotten - downloaded) / 1e9));
            assertThat(server.process.isAlive()).as("the node is still up: " + server.output()).isTrue();
        }
    }

    private static String rpc(int id, String tenant, JsonNode message) {
        ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "dwn.processMessage");
        r.putObject("params").put("target", tenant).set("message", message);
        return r.toString();
    }

    /** {@code cairn serve} in a child JVM with a 96 MiB heap, on a free port. */
    private static ServeChild serve(Path repo) throws java.io.IOException {
        return new ServeChild(List.of("-Xmx96m", "-XX:MaxDirectMemorySize=32m"), List.of("--repo", repo.toString(), "serve", "--port", "0"), repo.getParent());
    }
}
