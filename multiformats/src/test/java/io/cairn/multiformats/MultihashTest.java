package io.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MultihashTest {
    @Property
    void sha256MultihashesRoundTripAndVerifyTheirData(@ForAll byte[] data) {
        Multihash mh = Multihash.sha256(data);
        assertThat(Multihash.fromBytes(mh.toBytes())).isEqualTo(mh);
        assertThat(mh.matches(data)).isTrue();
        assertThat(mh.toBytes()[0]).isEqualTo((byte) 0x12);
        assertThat(mh.toBytes()[1]).isEqualTo((byte) 0x20);
    }

    @Test
    void rejectsDigestsOfTheWrongLengthAndOversizedIdentity() {
        assertThatThrownBy(() -> Multihash.of(Multicodec.SHA2_256, new byte[31])).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multihash.identity(new byte[Multihash.MAX_IDENTITY_LENGTH + 1])).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multihash.fromBytes(new byte[] {0x12, 0x20, 1})).isInstanceOf(MultiformatException.class);
    }

    @Property
    void randomBytesParseOrFailWithAMultiformatException(@ForAll byte[] bytes) {
        try {
            Multihash.fromBytes(bytes);
        } catch (MultiformatException expected) {
            // the only failure allowed
        }
    }
}
