package io.cairn.dwn.did;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * The HTTP GET that did:web and did:dht resolution need: bounded in time (connect and whole response)
 * and in size, following redirects like {@code fetch}. Plain http is used only where a resolver was
 * explicitly allowed to (loopback test servers).
 */
public final class DidHttp {
    /** Default limit for one resolution's HTTP exchange. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Largest DID document or relay response read; the SDK has no limit, a node needs one. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpClient client;
    private final Duration timeout;

    public DidHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A completed GET. */
    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status >= 200 && status <= 299;
        }
    }

    /**
     * @throws IOException on any network failure, timeout, or a body over {@link #MAX_BODY_BYTES}
     */
    public Response get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) throw new IOException("response larger than " + MAX_BODY_BYTES + " bytes");
                return new Response(response.statusCode(), Arrays.copyOf(bytes, bytes.length));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public Duration timeout() {
        return timeout;
    }
}
