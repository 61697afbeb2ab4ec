package io.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class VarintTest {
    @Property
    void roundTripsEveryNonNegativeLong(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) throws Exception {
        byte[] enc = Varint.encode(value);
        assertThat(enc).hasSize(Varint.size(value));
        assertThat(Varint.read(ByteBuffer.wrap(enc))).isEqualTo(value);
        assertThat(Varint.read(new ByteArrayInputStream(enc))).isEqualTo(value);
    }

    @Test
    void encodesTheSpecExamples() {
        assertThat(Varint.encode(1)).containsExactly(0x01);
        assertThat(Varint.encode(127)).containsExactly(0x7f);
        assertThat(Varint.encode(128)).containsExactly(0x80, 0x01);
        assertThat(Varint.encode(255)).containsExactly(0xff, 0x01);
        assertThat(Varint.encode(300)).containsExactly(0xac, 0x02);
        assertThat(Varint.encode(16384)).containsExactly(0x80, 0x80, 0x01);
    }

    @Test
    void rejectsNonMinimalTruncatedAndOverlongEncodings() {
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x00})))
                .isInstanceOf(MultiformatException.class).hasMessageContaining("minimal");
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(new byte[] {(byte) 0x80})))
                .isInstanceOf(MultiformatException.class).hasMessageContaining("truncated");
        byte[] tooLong = new byte[10];
        java.util.Arrays.fill(tooLong, (byte) 0x80);
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(tooLong))).isInstanceOf(MultiformatException.class);
    }

    @Property
    void randomBytesDecodeOrFailWithAMultiformatException(@ForAll byte[] bytes) {
        try {
            Varint.read(ByteBuffer.wrap(bytes));
        } catch (MultiformatException expected) {
            // the only failure allowed
        }
    }
}
