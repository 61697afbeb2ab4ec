package io.cairn.ipfs.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CarReaderTest {
    private static final List<Block> BLOCKS = List.of(block("one"), block("two"), block("three"));

    private static Block block(String s) {
        byte[] d = s.getBytes();
        return new Block(Cid.sha256(1, Multicodec.RAW, d), d);
    }

    private static byte[] carV1() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter w = new CarWriter(out, List.of(BLOCKS.get(0).cid()))) {
            BLOCKS.forEach(w::write);
        }
        return out.toByteArray();
    }

    private static List<Block> readAll(byte[] car) {
        List<Block> out = new ArrayList<>();
        try (CarReader r = CarReader.open(new ByteArrayInputStream(car))) {
            for (Block b = r.next(); b != null; b = r.next()) out.add(b);
        }
        return out;
    }

    @Test
    void readsWhatItWrites() {
        List<Block> back = readAll(carV1());
        assertThat(back).extracting(Block::cid).containsExactlyElementsOf(BLOCKS.stream().map(Block::cid).toList());
    }

    @Test
    void readsTheCarV1PayloadOfACarV2() {
        byte[] v1 = carV1();
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        byte[] pragma = {0x0a, (byte) 0xa1, 0x67, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x02};
        v2.writeBytes(pragma);
        ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        header.position(16);
        header.putLong(51 + 5).putLong(v1.length).putLong(0);
        v2.writeBytes(header.array());
        v2.writeBytes(new byte[5]); // padding before the payload
        v2.writeBytes(v1);
        v2.writeBytes(new byte[] {1, 2, 3}); // an index would follow; the reader stops at the data size
        try (CarReader r = CarReader.open(new ByteArrayInputStream(v2.toByteArray()))) {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.roots()).containsExactly(BLOCKS.get(0).cid());
            int n = 0;
            while (r.next() != null) n++;
            assertThat(n).isEqualTo(3);
        }
    }

    @Test
    void rejectsABlockThatDoesNotMatchItsCid() {
        byte[] car = carV1();
        car[car.length - 1] ^= 1;
        assertThatThrownBy(() -> readAll(car)).isInstanceOf(CarFormatException.class).hasMessageContaining("does not match");
    }

    @Test
    void anImportThatFailsMidwayLeavesOnlyVerifiedBlocks() {
        byte[] car = carV1();
        byte[] truncated = java.util.Arrays.copyOf(car, car.length - 2);
        MemoryBlockstore store = new MemoryBlockstore();
        assertThatThrownBy(() -> CarImporter.importCar(new ByteArrayInputStream(truncated), store))
                .isInstanceOf(CarFormatException.class).hasMessageContaining("truncated");
        store.forEach(cid -> assertThat(cid.matches(store.get(cid))).isTrue());
        assertThat(store.has(BLOCKS.get(2).cid())).isFalse();
    }

    @Test
    void rejectsHugeLengthPrefixesWithoutAllocating() {
        byte[] hugeHeader = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        assertThatThrownBy(() -> readAll(hugeHeader)).isInstanceOf(CarFormatException.class).hasMessageContaining("out of range");
    }

    @Property(tries = 1000)
    void truncatedOrBitFlippedCarsFailOnlyWithProjectErrors(@ForAll @IntRange(min = 0, max = 400) int cut, @ForAll int at, @ForAll byte mask) {
        byte[] car = carV1();
        byte[] damaged = java.util.Arrays.copyOf(car, Math.min(car.length, cut));
        if (damaged.length > 0) damaged[Math.floorMod(at, damaged.length)] ^= mask;
        try {
            readAll(damaged);
        } catch (CairnException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 1000)
    void randomBytesFailOnlyWithProjectErrors(@ForAll byte[] bytes) {
        try {
            readAll(bytes);
        } catch (CairnException expected) {
            // the only failure allowed
        }
    }
}
