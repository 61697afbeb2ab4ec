package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.ipfs.pin.PinType;
import io.cairn.ipfs.repo.Repo;
import io.cairn.multiformats.Cid;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
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

        @Override
        void run() {
            try (Repo repo = openRepo()) {
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

        @Override
        void run() {
            try (Repo repo = openRepo()) {
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

        @Override
        void run() {
            if (!List.of("all", "recursive", "direct", "indirect").contains(type)) {
                throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", "invalid pin type '" + type + "'");
            }
            try (Repo repo = openRepo()) {
                if (cids != null && !cids.isEmpty()) {
                    for (String s : cids) {
                        Cid c = Cid.parse(s);
                        PinType t = repo.pins().pinType(c).orElseThrow(() ->
                                new CairnException(CairnException.Kind.NOT_FOUND, "not_pinned", "path '" + s + "' is not pinned"));
                        out().println(c + " " + t.label());
                    }
                    return;
                }
                Map<Cid, PinType> pins = repo.pins().list();
                for (Map.Entry<Cid, PinType> e : pins.entrySet()) {
                    if (type.equals("all") || type.equals(e.getValue().label())) out().println(e.getKey() + " " + e.getValue().label());
                }
                if (type.equals("all") || type.equals("indirect")) {
                    java.util.Set<io.cairn.multiformats.Multihash> listed = new java.util.HashSet<>();
                    pins.keySet().forEach(c -> listed.add(c.multihash()));
                    var walker = new io.cairn.ipfs.dag.DagWalker(repo.blockstore());
                    for (Map.Entry<Cid, PinType> e : pins.entrySet()) {
                        if (e.getValue() != PinType.RECURSIVE) continue;
                        walker.walk(e.getKey(), (c, data) -> {
                            if (listed.add(c.multihash())) out().println(c + " indirect");
                        });
                    }
                }
            }
        }
    }
}
