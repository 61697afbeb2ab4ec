package io.cairn.ipfs.repo;

import io.cairn.multiformats.Cid;
import java.util.function.Consumer;

/**
 * Roots that keep blocks alive besides the pins, e.g. the data of DWN records: garbage collection keeps
 * every block reachable from a root the provider reports. Called with writes paused.
 */
@FunctionalInterface
public interface GcRootProvider {
    void roots(Consumer<Cid> root);
}
