package io.cairn.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.codec.dagpb.DagPb;
import io.cairn.codec.dagpb.PbLink;
import io.cairn.codec.dagpb.PbNode;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The balanced layout's shape at chunk and link boundaries, pinned without the reference (the interop
 * test compares the same cases with it byte for byte).
 */
class UnixfsLayoutTest {
    private static final int CHUNK = 100;
    private static final int LINKS = 4;
    private static final ImportOptions SMALL = new ImportOptions(0, false, CHUNK, LINKS);

    private record Imported(MemoryBlockstore store, Cid root, byte[] data) {
        PbNode node(Cid cid) {
            return DagPb.decode(store.get(cid));
        }

        UnixfsData unixfs(Cid cid) {
            return UnixfsData.unmarshal(node(cid).data());
        }
    }

    /** Imports the first {@code size} bytes of one pseudo-random stream (so smaller files are prefixes of larger ones). */
    private static Imported add(ImportOptions options, int size) {
        byte[] data = TestFiles.bytes(42, size);
        MemoryBlockstore store = new MemoryBlockstore();
        ImportResult r = new UnixfsImporter(store, options).importFile(new ByteArrayInputStream(data));
        assertThat(r.size()).isEqualTo(size);
        assertThat(new UnixfsExporter(store).readAll(r.root())).isEqualTo(data);
        return new Imported(store, r.root(), data);
    }

    @Test
    void anEmptyFileIsOneFileNodeWithoutDataOrARawLeafOfNoBytes() {
        Imported pb = add(SMALL, 0);
        assertThat(HexFormat.of().formatHex(pb.store.get(pb.root))).isEqualTo("0a0408021800");
        assertThat(pb.root.toString()).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThat(pb.store.stats().blockCount()).isEqualTo(1);

        Imported raw = add(SMALL.withCidVersion(1).withRawLeaves(true), 0);
        assertThat(raw.root).isEqualTo(Cid.sha256(1, Multicodec.RAW, new byte[0]));
    }

    @Test
    void aFileOfUpToOneChunkIsItsOwnLeaf() {
        for (int size : new int[] {1, CHUNK - 1, CHUNK}) {
            Imported pb = add(SMALL, size);
            assertThat(pb.root.version()).isZero();
            assertThat(pb.node(pb.root).links()).isEmpty();
            assertThat(pb.unixfs(pb.root).data()).hasSize(size);
            assertThat(pb.unixfs(pb.root).fileSize()).isEqualTo(size);

            Imported raw = add(SMALL.withRawLeaves(true), size);
            assertThat(raw.root).isEqualTo(Cid.sha256(1, Multicodec.RAW, raw.data));
        }
    }

    @Test
    void oneByteOverAChunkMakesAParentOfTwoLeavesWithTheirSizes() {
        Imported f = add(SMALL, CHUNK + 1);
        PbNode root = f.node(f.root);
        UnixfsData data = f.unixfs(f.root);
        assertThat(data.type()).isEqualTo(UnixfsType.FILE);
        assertThat(data.data()).isNull();
        assertThat(data.fileSize()).isEqualTo(CHUNK + 1);
        assertThat(data.blockSizes()).containsExactly(CHUNK, 1);
        assertThat(root.links()).hasSize(2).allSatisfy(l -> assertThat(l.name()).isEmpty());
        // a dag-pb leaf's Tsize is its block's length
        for (PbLink l : root.links()) assertThat(l.tsize()).isEqualTo(f.store.get(l.hash()).length);
    }

    @Test
    void rawLeavesAreCidV1RawUnderCidV0ParentsAndTheirTsizeIsTheChunkLength() {
        Imported f = add(SMALL.withRawLeaves(true), 2 * CHUNK + 7);
        assertThat(f.root.version()).isZero();
        List<PbLink> links = f.node(f.root).links();
        assertThat(links).extracting(l -> l.hash().version()).containsOnly(1);
        assertThat(links).allSatisfy(l -> assertThat(l.hash().hasCodec(Multicodec.RAW)).isTrue());
        assertThat(links).extracting(PbLink::tsize).containsExactly((long) CHUNK, (long) CHUNK, 7L);
    }

    @Test
    void aFullNodeAtTheLinkBoundaryStaysOneLevelAndOneMoreByteAddsALevel() {
        Imported full = add(SMALL, LINKS * CHUNK);
        assertThat(full.node(full.root).links()).hasSize(LINKS);
        assertThat(full.store.stats().blockCount()).isEqualTo(LINKS + 1);

        Imported under = add(SMALL, LINKS * CHUNK - 1);
        assertThat(under.unixfs(under.root).blockSizes()).containsExactly(CHUNK, CHUNK, CHUNK, CHUNK - 1);

        Imported over = add(SMALL, LINKS * CHUNK + 1);
        PbNode root = over.node(over.root);
        assertThat(over.unixfs(over.root).blockSizes()).containsExactly(LINKS * CHUNK, 1);
        assertThat(root.links().get(0).hash()).isEqualTo(full.root);
        // the lone last leaf still gets a parent of its own: the tree is balanced, every leaf at one depth
        PbNode second = over.node(root.links().get(1).hash());
        assertThat(second.links()).hasSize(1);
        long childTsizes = root.links().stream().mapToLong(PbLink::tsize).sum();
        assertThat(root.links().get(0).tsize()).isEqualTo(full.store.get(full.root).length
                + full.node(full.root).links().stream().mapToLong(PbLink::tsize).sum());
        assertThat(childTsizes).isGreaterThan(LINKS * CHUNK + 1);
    }

    @Test
    void everyLeafOfALargerTreeSitsAtTheSameDepth() {
        Imported f = add(SMALL, LINKS * LINKS * CHUNK + CHUNK + 1);
        assertThat(depths(f, f.root, 0)).containsOnly(3);
    }

    private static List<Integer> depths(Imported f, Cid cid, int depth) {
        PbNode n = f.node(cid);
        if (n.links().isEmpty()) return List.of(depth);
        return n.links().stream().flatMap(l -> depths(f, l.hash(), depth + 1).stream()).toList();
    }

    @Test
    void cidVersionOneMakesEveryDagPbNodeCidV1() {
        Imported f = add(SMALL.withCidVersion(1), 3 * CHUNK);
        assertThat(f.root.version()).isEqualTo(1);
        assertThat(f.node(f.root).links()).allSatisfy(l -> assertThat(l.hash().version()).isEqualTo(1));
    }

    @Property(tries = 200)
    void theDirectLeafEncodingIsTheCodecsEncoding(@ForAll @IntRange(min = 0, max = 20_000) int size) {
        byte[] chunk = TestFiles.bytes(size, size);
        byte[] viaCodec = DagPb.encode(new PbNode(UnixfsData.fileLeaf(chunk, 0, size).marshal(), List.of()));
        assertThat(LeafEncoder.dagPbFileLeaf(chunk)).isEqualTo(viaCodec);
    }
}
