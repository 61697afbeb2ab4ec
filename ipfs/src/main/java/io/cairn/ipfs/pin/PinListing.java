package io.cairn.ipfs.pin;

import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Blockstore;
import io.cairn.ipfs.dag.DagWalker;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multihash;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code pin ls} as Kubo lists pins: of a type ({@code all}, {@code recursive}, {@code direct},
 * {@code indirect}), recursive and direct pins first, then each block below a recursive pin once; or
 * the pin type of given CIDs. Shared by the CLI and the node's RPC API so both list the same way.
 */
public final class PinListing {
    public static final List<String> TYPES = List.of("all", "recursive", "direct", "indirect");

    private PinListing() {}

    /** Kubo's refusal of an unknown type. */
    public static void checkType(String type) {
        if (!TYPES.contains(type)) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", "invalid pin type '" + type + "'");
        }
    }

    /** Every pin of {@code type}, in listing order. */
    public static void list(PinStore pins, Blockstore store, String type, BiConsumer<Cid, PinType> out) {
        checkType(type);
        Map<Cid, PinType> roots = pins.list();
        for (Map.Entry<Cid, PinType> e : roots.entrySet()) {
            if (type.equals("all") || type.equals(e.getValue().label())) out.accept(e.getKey(), e.getValue());
        }
        if (!type.equals("all") && !type.equals("indirect")) return;
        Set<Multihash> listed = new HashSet<>();
        roots.keySet().forEach(c -> listed.add(c.multihash()));
        DagWalker walker = new DagWalker(store);
        for (Map.Entry<Cid, PinType> e : roots.entrySet()) {
            if (e.getValue() != PinType.RECURSIVE) continue;
            walker.walk(e.getKey(), (c, data) -> {
                if (listed.add(c.multihash())) out.accept(c, PinType.INDIRECT);
            });
        }
    }

    /** How {@code cid} is pinned; NOT_FOUND ({@code path 'ARG' is not pinned}, Kubo's words) when it is not. */
    public static PinType typeOf(PinStore pins, Cid cid, String arg) {
        return pins.pinType(cid).orElseThrow(() ->
                new CairnException(CairnException.Kind.NOT_FOUND, "not_pinned", "path '" + arg + "' is not pinned"));
    }
}
