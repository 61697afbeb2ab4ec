package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.ipfs.pin.PinListing;
import io.cairn.ipfs.repo.Repo;
import io.cairn.multiformats.Cid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn pin add|rm|ls}, as {@code ipfs pin}. */
@Command(name = "pin", description = "Pin content so garbage collection keeps it.",
        subcommands = {PinCommand.Add.class, PinCommand.Rm.class, PinCommand.Ls.class})
final class PinCommand {

    @Command(name = "add", description = "Pin CIDs (recursively by default).")
    static final class Add extends CliCommand {
        @Parameters(paramLabel = "CID", arity = "1..*")
        List<String> cids;

        @Option(names = {"-r", "--recursive"}, arity = "1", defaultValue = "true", description = "Pin the whole DAG (default true).")
        boolean recursive;

        @Mixin
        NodeOptions node;

        @Override
        void run() {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                for (String s : cids) {
                    Cid c = Cid.parse(s);
                    api.get().json(api.get().post("pin/add", List.of(Map.entry("arg", c.toString()), Map.entry("recursive", Boolean.toString(recursive)))));
                    out().println("pinned " + c + (recursive ? " recursively" : " directly"));
                }
                return;
            }
            try (Repo repo = node.openRepo(this)) {
                for (String s : cids) {
                    Cid c = Cid.parse(s);
                    if (recursive) repo.pins().pinRecursive(c);
                    else repo.pins().pinDirect(c);
                    out().println("pinned " + c + (recursive ? " recursively" : " directly"));
                }
            }
        }
    }

    @Command(name = "rm", description = "Remove pins.")
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
                    api.get().json(api.get().post("pin/rm", List.of(Map.entry("arg", c.toString()))));
                    out().println("unpinned " + c);
                }
                return;
            }
            try (Repo repo = node.openRepo(this)) {
                for (String s : cids) {
                    Cid c = Cid.parse(s);
                    repo.pins().unpin(c);
                    out().println("unpinned " + c);
                }
            }
        }
    }

    @Command(name = "ls", description = "List pins: CID and type.")
    static final class Ls extends CliCommand {
        @Parameters(paramLabel = "CID", arity = "0..*")
        List<String> cids;

        @Option(names = {"-t", "--type"}, defaultValue = "all", description = "recursive, direct, indirect or all.")
        String type;

        @Mixin
        NodeOptions node;

        @Override
        void run() {
            PinListing.checkType(type);
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                KuboRpcClient rpc = api.get();
                if (cids != null && !cids.isEmpty()) {
                    for (String s : cids) {
                        Cid c = Cid.parse(s);
                        rpc.json(rpc.post("pin/ls", List.of(Map.entry("arg", c.toString())))).path("Keys").fields()
                                .forEachRemaining(e -> out().println(e.getKey() + " " + e.getValue().path("Type").asText()));
                    }
                    return;
                }
                rpc.lines(rpc.post("pin/ls", List.of(Map.entry("type", type), Map.entry("stream", "true"))),
                        line -> out().println(line.path("Cid").asText() + " " + line.path("Type").asText()));
                return;
            }
            try (Repo repo = node.openRepo(this)) {
                if (cids != null && !cids.isEmpty()) {
                    for (String s : cids) out().println(Cid.parse(s) + " " + PinListing.typeOf(repo.pins(), Cid.parse(s), s).label());
                    return;
                }
                PinListing.list(repo.pins(), repo.blockstore(), type, (c, t) -> out().println(c + " " + t.label()));
            }
        }
    }
}
