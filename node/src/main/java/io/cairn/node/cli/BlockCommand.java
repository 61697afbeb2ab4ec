package io.cairn.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.multiformats.Cid;
import io.cairn.node.rpc.BlockInput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn block get|put|stat|rm}: raw blocks, as {@code ipfs block}. */
@Command(name = "block", description = "Work with raw blocks.",
        subcommands = {BlockCommand.Get.class, BlockCommand.Put.class, BlockCommand.Stat.class, BlockCommand.Rm.class})
final class BlockCommand {
    @Command(name = "get", description = "Write a block's bytes to stdout.")
    static final class Get extends CliCommand {
        @Parameters(paramLabel = "CID")
        String cid;

        @Mixin
        NodeOptions node;

        @Override
        void run() throws Exception {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                Cid c = Cid.parse(cid);
                api.get().copy(api.get().post("block/get", List.of(Map.entry("arg", c.toString()))), cli().stdout);
                return;
            }
            try (Repo repo = node.openRepo(this)) {
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

        @Mixin
        NodeOptions node;

        @Override
        void run() throws Exception {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                MultipartUpload upload = MultipartUpload.ofStream(file == null ? cli().stdin : open(file));
                KuboRpcClient rpc = api.get();
                rpc.lines(rpc.postMultipart("block/put", List.of(Map.entry("cid-codec", codec), Map.entry("mhtype", mhtype),
                        Map.entry("pin", Boolean.toString(pin))), upload.boundary, () -> upload.body(b -> {})),
                        line -> out().println(line.path("Key").asText()));
                return;
            }
            Block block;
            try (InputStream in = file == null ? cli().stdin : Files.newInputStream(file)) {
                block = BlockInput.read(in, codec, mhtype);
            }
            try (Repo repo = node.openRepo(this); WriteGuard guard = repo.beginWrite()) {
                repo.blockstore().put(block);
                repo.blockstore().sync();
                if (pin) repo.pins().pinDirect(block.cid());
            }
            out().println(block.cid());
        }

        private static InputStream open(Path file) throws java.io.IOException {
            return Files.newInputStream(file);
        }
    }

    @Command(name = "stat", description = "Print a block's key and size.")
    static final class Stat extends CliCommand {
        @Parameters(paramLabel = "CID")
        String cid;

        @Mixin
        NodeOptions node;

        @Override
        void run() {
            Cid c = Cid.parse(cid);
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                JsonNode stat = api.get().json(api.get().post("block/stat", List.of(Map.entry("arg", c.toString()))));
                out().println("Key: " + c + "\nSize: " + stat.path("Size").asLong());
                return;
            }
            try (Repo repo = node.openRepo(this)) {
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

        @Mixin
        NodeOptions node;

        @Override
        void run() {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                for (String s : cids) {
                    Cid c = Cid.parse(s);
                    api.get().lines(api.get().post("block/rm", List.of(Map.entry("arg", c.toString()))), line -> out().println("removed " + c));
                }
                return;
            }
            try (Repo repo = node.openRepo(this); WriteGuard guard = repo.beginWrite()) {
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
