package io.cairn.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parts come back byte for byte whatever the read sizes, with bodies that contain near-boundaries. */
class MultipartReaderTest {
    private static final String BOUNDARY = "----b0undary";

    /** Hands out at most {@code max} bytes per read, as a slow socket would. */
    private static InputStream trickle(byte[] body, int max) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void partsRoundTripAtEveryReadSize() throws Exception {
        byte[] big = new byte[200_000];
        new Random(3).nextBytes(big);
        byte[] tricky = ("a\r\n--" + BOUNDARY.substring(0, 5) + "\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "z\r\n-").getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> contents = List.of(new byte[0], "hello".getBytes(), big, tricky, new byte[0]);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes("preamble\r\n".getBytes());
        for (int i = 0; i < contents.size(); i++) {
            body.writeBytes(((i > 0 ? "\r\n" : "") + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f" + i + "\"\r\n\r\n").getBytes());
            body.writeBytes(contents.get(i));
        }
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes());
        for (int max : new int[] {1, 7, 13, 4096, 1 << 20}) {
            MultipartReader reader = new MultipartReader(trickle(body.toByteArray(), max), BOUNDARY);
            List<byte[]> read = new ArrayList<>();
            for (Optional<MultipartReader.Part> p = reader.next(); p.isPresent(); p = reader.next()) {
                assertThat(p.get().header("content-disposition")).isEqualTo("form-data; name=\"f" + read.size() + "\"");
                read.add(p.get().body().readAllBytes());
            }
            assertThat(read).as("read size " + max).hasSize(contents.size());
            for (int i = 0; i < contents.size(); i++) assertThat(read.get(i)).as("part " + i + " at read size " + max).isEqualTo(contents.get(i));
        }
    }

    @Test
    void aTruncatedBodyIsAnError() throws Exception {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nhalf a part").getBytes();
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
        InputStream part = reader.next().orElseThrow().body();
        assertThatThrownBy(part::readAllBytes).hasMessageContaining("no closing boundary");
        assertThat(MultipartReader.boundaryOf("multipart/form-data; boundary=\"q\"")).hasValue("q");
        assertThat(MultipartReader.boundaryOf("application/json")).isEmpty();
    }
}
