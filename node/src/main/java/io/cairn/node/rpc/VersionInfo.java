package io.cairn.node.rpc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v0/version}'s body in Kubo's field names (no {@code Golang}: this node is not written in Go). */
final class VersionInfo {
    private VersionInfo() {}

    static Map<String, Object> of(String version, String repoVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Version", version);
        m.put("Commit", "");
        m.put("Repo", repoVersion);
        m.put("System", System.getProperty("os.arch", "") + "/" + System.getProperty("os.name", "").toLowerCase(Locale.ROOT));
        return m;
    }
}
