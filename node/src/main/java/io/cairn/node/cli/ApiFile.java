package io.cairn.node.cli;

import io.cairn.error.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code <repo>/api}: where the node holding the repo serves its HTTP API, as Kubo's {@code $IPFS_PATH/api}:
 * one multiaddr such as {@code /ip4/127.0.0.1/tcp/3000}, no newline, written atomically once the node
 * listens and removed when it stops cleanly. A wildcard listen address is written as loopback.
 */
final class ApiFile {
    static final String NAME = "api";
    private static final int MAX_BYTES = 2048; // Kubo's bound: the file is read before anything is trusted

    private ApiFile() {}

    static void write(Path repo, InetSocketAddress listening) throws IOException {
        Path tmp = repo.resolve("." + NAME + ".tmp");
        Files.writeString(tmp, multiaddr(listening), StandardCharsets.UTF_8);
        Files.move(tmp, repo.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void delete(Path repo) throws IOException {
        Files.deleteIfExists(repo.resolve(NAME));
    }

    /** The API address the file names; empty when there is no file or it names nothing usable (a node would have written a valid one). */
    static Optional<URI> read(Path repo) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(repo.resolve(NAME))) {
            bytes = in.readNBytes(MAX_BYTES);
        } catch (IOException e) { // absent (no node) or unreadable: either way no node to talk to
            return Optional.empty();
        }
        try {
            return Optional.of(toUrl(new String(bytes, StandardCharsets.UTF_8).trim()));
        } catch (CairnException e) {
            return Optional.empty();
        }
    }

    /** {@code /ip4/A/tcp/P} or {@code /ip6/A/tcp/P} for a listening socket, the wildcard address replaced by loopback. */
    static String multiaddr(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        boolean v6 = ip instanceof Inet6Address;
        String host = ip.isAnyLocalAddress() ? (v6 ? "::1" : "127.0.0.1") : ip.getHostAddress();
        if (host.contains("%")) host = host.substring(0, host.indexOf('%')); // an IPv6 scope is not part of a multiaddr
        return (v6 ? "/ip6/" : "/ip4/") + host + "/tcp/" + a.getPort();
    }

    /**
     * The HTTP base URL of an API address: a multiaddr ({@code /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT},
     * optionally followed by {@code /http}) or an {@code http://host:port} URL, as Kubo's {@code --api} takes.
     */
    static URI toUrl(String address) {
        if (address.startsWith("http://") || address.startsWith("https://")) {
            try {
                URI u = new URI(address);
                if (u.getHost() == null) throw invalid(address);
                return URI.create(u.getScheme() + "://" + u.getRawAuthority());
            } catch (java.net.URISyntaxException e) {
                throw invalid(address);
            }
        }
        String[] parts = address.split("/", -1);
        boolean httpSuffix = parts.length == 6 && parts[5].equals("http");
        if (!(parts.length == 5 || httpSuffix) || !parts[0].isEmpty() || !parts[3].equals("tcp")) throw invalid(address);
        String host = parts[2];
        switch (parts[1]) {
            case "ip4" -> {
                if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) throw invalid(address);
            }
            case "ip6" -> {
                if (!host.matches("[0-9a-fA-F:.]+") || !host.contains(":")) throw invalid(address);
                host = "[" + host + "]";
            }
            case "dns", "dns4", "dns6" -> {
                if (!host.matches("[A-Za-z0-9.-]+")) throw invalid(address);
            }
            default -> throw invalid(address);
        }
        int port;
        try {
            port = Integer.parseInt(parts[4]);
        } catch (NumberFormatException e) {
            throw invalid(address);
        }
        if (port < 1 || port > 65535) throw invalid(address);
        return URI.create("http://" + host + ":" + port);
    }

    private static CairnException invalid(String address) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_api_address",
                "not an API address: '" + address + "' (a multiaddr such as /ip4/127.0.0.1/tcp/3000, or http://HOST:PORT)");
    }
}
