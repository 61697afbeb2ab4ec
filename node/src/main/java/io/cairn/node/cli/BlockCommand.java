package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn block get|put|stat|rm}: raw blocks, as {@code ipfs block}. */
@Command(name = "block", description = "Work with raw blocks.",
        subcommands = {BlockCommand.Get.class, BlockCommand.Put.class, BlockCommand.Stat.class, BlockCommand.Rm.class})
final class BlockCommand {
    /** Blocks larger than this are refused, as Kubo refuses blocks over 2 MiB (the network's limit). */
    static final int MAX_BLOCK_SIZE = 2 * 1024 * 1024;

    @Command(name = "get", description = "Write a block's bytes to stdout.")
    static final class Get extends CliCommand {
        @Parameters(paramLabel = "CID")
        String cid;

        @Override
        void run() throws Exception {
            try (Repo repo = openRepo()) {
                cli().stdout.write(repo.blockstore().get(Cid.parse(cid)));
            }
        }
    }

    @Command(name = "put", description = "Store a block read from FILE or stdin; prints its CID.")
    static final class Put extends CliCommand {
        @Parameters(paramLabel = "FILE", arity = "0..1")
        Path file;

        @Option(names = "--cid-codec", defaultValue = "raw", description = "Codec of the CID (raw, dag-pb, dag-cbor, dag-json).")
        String codec;

        @Option(names = "--mhtype", defaultValue = "sha2-256", description = "Multihash function (sha2-256, sha2-512).")
        String mhtype;

        @Option(names = "--pin", arity = "1", defaultValue = "false", description = "Pin the block (default false).")
        boolean pin;

        @Override
        void run() throws Exception {
            byte[] data;
            try (InputStream in = file == null ? cli().stdin : Files.newInputStream(file)) {
                data = in.readNBytes(MAX_BLOCK_SIZE + 1);
            }
            if (data.length > MAX_BLOCK_SIZE) {
                throw new CairnException(CairnException.Kind.TOO_LARGE, "block_too_large", "block is larger than " + MAX_BLOCK_SIZE + " bytes");
            }
            Multicodec c = Multicodec.ofName(codec);
            if (c != Multicodec.RAW && c != Multicodec.DAG_PB && c != Multicodec.DAG_CBOR && c != Multicodec.DAG_JSON) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_codec", "unsupported --cid-codec " + codec);
            }
            BlockValidation.check(c, data);
            Multihash mh = Multihash.digest(Multicodec.ofName(mhtype), data);
            Cid cid = Cid.v1(c, mh);
            try (Repo repo = openRepo(); WriteGuard guard = repo.beginWrite()) {
                repo.blockstore().put(new Block(cid, data));
                repo.blockstore().sync();
                if (pin) repo.pins().pinDirect(cid);
            }
            out().println(cid);
        }
    }

    @Command(name = "stat", description = "Print a block's key and size.")
    static final class Stat extends CliCommand {
        @Parameters(paramLabel = "CID")
        String cid;

        @Override
        void run() {
            Cid c = Cid.parse(cid);
            try (Repo repo = openRepo()) {
                long size = repo.blockstore().size(c);
                if (size < 0) throw new io.cairn.ipfs.block.BlockNotFoundException(c);
                out().println("Key: " + c + "\nSize: " + size);
            }
        }
    }

    @Command(name = "rm", description = "Remove blocks (unless pinned).")
    static final class Rm extends CliCommand {
        @Parameters(paramLabel = "CID", arity = "1..*")
        List<String> cids;

        @Override
        void run() {
            try (Repo repo = openRepo(); WriteGuard guard = repo.beginWrite()) {
                for (String s : cids) {
                    Cid c = Cid.parse(s);
                    if (!repo.blockstore().has(c)) throw new io.cairn.ipfs.block.BlockNotFoundException(c);
                    if (repo.pins().pinType(c).isPresent()) {
                        throw new CairnException(CairnException.Kind.CONFLICT, "pinned", c + " is pinned: unpin it first");
                    }
                    repo.blockstore().delete(c);
                    out().println("removed " + c);
                }
                repo.blockstore().sync();
            }
        }
    }
}
