package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A run of consecutive block headers from a known height, checked on construction: each header's hash
 * meets its own target, no target is easier than the network allows, and each header names the one
 * before it. It proves as much as the work in it; the caller decides whether it trusts its first header.
 *
 * <p>File form (text): {@code height N} (the first header's height), then one header per line as 160
 * hex characters; blank lines and lines starting with {@code #} are ignored.
 */
public final class HeaderChain implements HeaderSource {
    private final long startHeight;
    private final List<BlockHeader> headers;

    private HeaderChain(long startHeight, List<BlockHeader> headers) {
        this.startHeight = startHeight;
        this.headers = List.copyOf(headers);
    }

    /** The easiest target a network accepts, as compact bits: mainnet, testnet, signet, regtest. */
    public static BigInteger powLimit(String network) {
        return BlockHeader.targetOf(switch (network.toLowerCase(Locale.ROOT)) {
            case "mainnet", "main", "bitcoin", "testnet", "testnet3", "testnet4", "test" -> 0x1d00ffffL;
            case "signet" -> 0x1e0377aeL;
            case "regtest" -> 0x207fffffL;
            default -> throw AnchorException.badInput("invalid_network", "unknown Bitcoin network '" + network + "'");
        });
    }

    public static HeaderChain of(long startHeight, List<BlockHeader> headers, BigInteger powLimit) {
        if (startHeight < 0) throw invalid("negative start height");
        if (headers.isEmpty()) throw invalid("no headers");
        for (int i = 0; i < headers.size(); i++) {
            BlockHeader h = headers.get(i);
            long height = startHeight + i;
            if (h.target().compareTo(powLimit) > 0) throw invalid("the header at height " + height + " claims a target easier than the network allows");
            if (!h.meetsItsTarget()) throw invalid("the header at height " + height + " (" + h.hashHex() + ") does not meet its proof-of-work target");
            if (i > 0 && !Arrays.equals(h.previousHash(), headers.get(i - 1).hash())) {
                throw invalid("the header at height " + height + " does not follow the header at height " + (height - 1));
            }
        }
        return new HeaderChain(startHeight, headers);
    }

    public static HeaderChain parse(String text, BigInteger powLimit) {
        Long start = null;
        List<BlockHeader> headers = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (start == null) {
                if (!line.startsWith("height ")) throw invalid("line " + lineNo + ": expected 'height N' before the headers");
                try {
                    start = Long.parseLong(line.substring(7).strip());
                } catch (NumberFormatException e) {
                    throw invalid("line " + lineNo + ": '" + line + "' is not 'height N'");
                }
                continue;
            }
            try {
                headers.add(BlockHeader.parseHex(line));
            } catch (AnchorException e) {
                throw invalid("line " + lineNo + ": " + e.getMessage());
            }
        }
        if (start == null) throw invalid("no 'height N' line");
        return of(start, headers, powLimit);
    }

    public static HeaderChain read(Path file, BigInteger powLimit) {
        try {
            return parse(Files.readString(file), powLimit);
        } catch (NoSuchFileException e) {
            throw AnchorException.badInput("no_such_file", file + ": no such file");
        } catch (IOException e) {
            throw AnchorException.badInput("invalid_header_chain", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The file form. */
    public String format() {
        StringBuilder sb = new StringBuilder("height ").append(startHeight).append('\n');
        for (BlockHeader h : headers) sb.append(h.hex()).append('\n');
        return sb.toString();
    }

    public long startHeight() {
        return startHeight;
    }

    public long tipHeight() {
        return startHeight + headers.size() - 1;
    }

    @Override
    public BlockHeader headerAt(long height) {
        if (height < startHeight || height > tipHeight()) {
            throw new AnchorException(CairnException.Kind.NOT_FOUND, "header_unknown",
                    "the header chain covers heights " + startHeight + " to " + tipHeight() + ", not " + height);
        }
        return headers.get((int) (height - startHeight));
    }

    private static AnchorException invalid(String detail) {
        return AnchorException.badInput("invalid_header_chain", "invalid header chain: " + detail);
    }
}
