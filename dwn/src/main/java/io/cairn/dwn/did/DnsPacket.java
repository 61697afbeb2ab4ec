package io.cairn.dwn.did;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a DNS message (RFC 1035) that did:dht reads: the answer records, with their names
 * decoded (compression pointers to earlier data only, as @dnsquery/dns-packet allows) and TXT data
 * split into its character-strings. Malformed packets throw {@link IllegalArgumentException} with
 * dns-packet's wording where it has one.
 */
public final class DnsPacket {
    public static final int TYPE_TXT = 16;

    /** One resource record: {@code data} holds the TXT character-strings, empty for other types. */
    public record Answer(String name, int type, long ttl, List<byte[]> data) {
    }

    private DnsPacket() {
    }

    public static List<Answer> answers(byte[] packet) {
        if (packet.length < 12) throw new IllegalArgumentException("Cannot decode name (buffer overflow)");
        int questions = u16(packet, 4);
        int answerCount = u16(packet, 6);
        int[] offset = {12};
        for (int i = 0; i < questions; i++) {
            decodeName(packet, offset);
            offset[0] += 4;
        }
        List<Answer> answers = new ArrayList<>(answerCount);
        for (int i = 0; i < answerCount; i++) {
            String name = decodeName(packet, offset);
            int at = offset[0];
            if (at + 10 > packet.length) throw new IllegalArgumentException("Buffer overflow");
            int type = u16(packet, at);
            long ttl = ((long) u16(packet, at + 4) << 16) | u16(packet, at + 6);
            int rdLength = u16(packet, at + 8);
            int rdStart = at + 10;
            if (rdStart + rdLength > packet.length) throw new IllegalArgumentException("Buffer overflow");
            List<byte[]> data = type == TYPE_TXT ? txtStrings(packet, rdStart, rdLength) : List.of();
            answers.add(new Answer(name, type, ttl, data));
            offset[0] = rdStart + rdLength;
        }
        return answers;
    }

    private static List<byte[]> txtStrings(byte[] packet, int start, int length) {
        List<byte[]> strings = new ArrayList<>();
        int offset = start;
        int remaining = length;
        while (remaining > 0) {
            int len = packet[offset++] & 0xff;
            remaining--;
            if (remaining < len) throw new IllegalArgumentException("Buffer overflow");
            strings.add(java.util.Arrays.copyOfRange(packet, offset, offset + len));
            offset += len;
            remaining -= len;
        }
        return strings;
    }

    private static String decodeName(byte[] buf, int[] cursor) {
        int offset = cursor[0];
        int oldOffset = offset;
        int consumed = 0;
        int totalLength = 0;
        boolean jumped = false;
        List<String> labels = new ArrayList<>();
        while (true) {
            if (offset >= buf.length) throw new IllegalArgumentException("Cannot decode name (buffer overflow)");
            int len = buf[offset++] & 0xff;
            if (!jumped) consumed++;
            if (len == 0) break;
            if ((len & 0xc0) == 0) {
                if (offset + len > buf.length) throw new IllegalArgumentException("Cannot decode name (buffer overflow)");
                totalLength += len + 1;
                if (totalLength > 254) throw new IllegalArgumentException("Cannot decode name (name too long)");
                labels.add(new String(buf, offset, len, StandardCharsets.UTF_8));
                offset += len;
                if (!jumped) consumed += len;
            } else if ((len & 0xc0) == 0xc0) {
                if (offset + 1 > buf.length) throw new IllegalArgumentException("Cannot decode name (buffer overflow)");
                int jump = u16(buf, offset - 1) - 0xc000;
                if (jump >= oldOffset) throw new IllegalArgumentException("Cannot decode name (bad pointer)");
                offset = jump;
                oldOffset = jump;
                if (!jumped) consumed++;
                jumped = true;
            } else {
                throw new IllegalArgumentException("Cannot decode name (bad label)");
            }
        }
        cursor[0] += consumed;
        return labels.isEmpty() ? "." : String.join(".", labels);
    }

    private static int u16(byte[] buf, int offset) {
        return ((buf[offset] & 0xff) << 8) | (buf[offset + 1] & 0xff);
    }
}
