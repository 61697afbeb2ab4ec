package io.cairn.node.rpc;

import io.cairn.node.http.HttpExchange;
import java.util.List;
import java.util.Map;

/**
 * A command's query as Kubo's command parser reads it: positional arguments in {@code arg} (repeated),
 * options by any of their names, booleans and integers converted as Go's {@code strconv} does. A value
 * that does not convert, or a required argument that is missing, is a {@link RpcUsageException}:
 * Kubo answers those before running the command, with 400 and the message as plain text.
 */
final class RpcArgs {
    private final Map<String, List<String>> query;

    RpcArgs(HttpExchange ex) {
        this.query = ex.queryParameters();
    }

    List<String> args() {
        return query.getOrDefault("arg", List.of());
    }

    /** The positional arguments, at least one (Kubo: {@code argument "NAME" is required}). */
    List<String> required(String name) {
        List<String> a = args();
        if (a.isEmpty()) throw new RpcUsageException("argument \"" + name + "\" is required");
        return a;
    }

    boolean has(String... names) {
        return value(names) != null;
    }

    String string(String... names) {
        return value(names);
    }

    boolean bool(boolean fallback, String... names) {
        String v = value(names);
        if (v == null) return fallback;
        return switch (v) {
            case "", "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw notConverted(v, "bool", names[0]);
        };
    }

    Long int64(String... names) {
        String v = value(names);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw notConverted(v, "int64", names[0]);
        }
    }

    Integer int32(String... names) {
        String v = value(names);
        if (v == null) return null;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw notConverted(v, "int", names[0]);
        }
    }

    private String value(String... names) {
        for (String n : names) {
            List<String> v = query.get(n);
            if (v != null && !v.isEmpty()) {
                if (v.size() > 1) throw new RpcUsageException("expected key " + names[0] + " to have only a single value, received " + v);
                return v.get(0);
            }
        }
        return null;
    }

    private static RpcUsageException notConverted(String value, String type, String option) {
        return new RpcUsageException("could not convert value \"" + value + "\" to type \"" + type + "\" (for option \"-" + option + "\")");
    }
}
