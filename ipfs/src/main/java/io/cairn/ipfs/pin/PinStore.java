package io.cairn.ipfs.pin;

import io.cairn.multiformats.Cid;
import java.util.Map;
import java.util.Optional;

/** Pins: the roots garbage collection must keep. Persistent across restarts. */
public interface PinStore {
    /** Pins a whole DAG; fails with BlockNotFoundException if any of its blocks is missing. */
    void pinRecursive(Cid cid);

    /** Pins one block; fails with BlockNotFoundException if it is missing. */
    void pinDirect(Cid cid);

    /** Removes a recursive or direct pin; a NOT_FOUND CairnException if {@code cid} is not pinned that way. */
    void unpin(Cid cid);

    /** How {@code cid} is pinned, computing indirect pins by walking the recursive ones. */
    Optional<PinType> pinType(Cid cid);

    /** The recursive and direct pins. */
    Map<Cid, PinType> list();
}
