package io.cairn.node.dwn;

import io.cairn.error.CairnException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of dwn-server's GET convenience routes a path names, matched as Express 4 matches them: on the
 * path as sent, ignoring case, one trailing slash allowed, tried in dwn-server's order, each parameter
 * then percent-decoded ({@code decodeURIComponent}). {@code tail} is the protocol path of
 * {@link Kind#LATEST_AT_PROTOCOL_PATH} as Express captures it (everything after the protocol segment).
 */
record DwnGetPath(Kind kind, String did, String param, String tail) {
    enum Kind {
        /** {@code /:did/read/protocols/:protocol/*}: the latest published record at a protocol path. */
        LATEST_AT_PROTOCOL_PATH("^/([^/]+?)/read/protocols/([^/]+?)/(.*)/?$"),
        /** {@code /:did/read/protocols/:protocol}: a published protocol's definition. */
        PROTOCOL("^/([^/]+?)/read/protocols/([^/]+?)/?$"),
        /** {@code /:did/read/records/:id}. */
        READ_RECORD("^/([^/]+?)/read/records/([^/]+?)/?$"),
        /** {@code /:did/records/:id}, the same as {@link #READ_RECORD}. */
        RECORD("^/([^/]+?)/records/([^/]+?)/?$"),
        /** {@code /:did/query/protocols}: every published protocol. */
        QUERY_PROTOCOLS("^/([^/]+?)/query/protocols/?$"),
        /** {@code /:did/query?filter.x=…}: an anonymous RecordsQuery. */
        QUERY("^/([^/]+?)/query/?$");

        private final Pattern pattern;

        Kind(String regex) {
            this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
    }

    /** The first route whose pattern matches {@code rawPath}, or null. */
    static DwnGetPath match(String rawPath) {
        for (Kind kind : Kind.values()) {
            Matcher m = kind.pattern.matcher(rawPath);
            if (!m.matches()) continue;
            String param = m.groupCount() >= 2 ? decode(m.group(2)) : null;
            String tail = m.groupCount() >= 3 ? decode(m.group(3)) : null;
            return new DwnGetPath(kind, decode(m.group(1)), param, tail);
        }
        return null;
    }

    /** Express answers a parameter that does not decode with 400 (its HTML error page; Cairn's JSON error here). */
    private static String decode(String raw) {
        String decoded = ExpressQuery.decodeUriComponent(raw);
        if (decoded == null) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "bad_path_parameter", "Failed to decode param '" + raw + "'");
        }
        return decoded;
    }
}
