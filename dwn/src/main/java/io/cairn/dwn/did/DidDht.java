package io.cairn.dwn.did;

import io.cairn.dwn.DwnError;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.crypto.Ed25519;
import io.cairn.dwn.crypto.JwkThumbprint;
import io.cairn.dwn.crypto.Rfc4648;
import io.cairn.dwn.crypto.Secp256k1;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JsJson;
import io.cairn.dwn.jose.JsValues;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * did:dht as @web5/dids' {@code DidDht} resolves it: the z-base-32 identifier is an Ed25519 key; its
 * Pkarr record is fetched from a relay ({@code GET <gateway>/<identifier>}: 64-byte signature, 8-byte
 * sequence, then the DNS packet), the BEP44 signature over {@code 3:seqi<seq>e1:v<len>:<packet>} is
 * verified with that key, and the packet's TXT records become the document exactly as the SDK maps them
 * ({@code _k0._did} keys, {@code _s0._did} services, {@code _did.<id>} relationships, {@code _aka},
 * {@code _cnt}, {@code _typ}). The relay is configurable; the SDK's default is {@value #DEFAULT_GATEWAY}.
 */
public final class DidDht implements DidMethodResolver {
    public static final String DEFAULT_GATEWAY = "https://diddht.tbddev.org";

    private static final String[] KEY_TYPES = {"Ed25519", "secp256k1", "secp256r1", "X25519"};
    private static final String[] DEFAULT_ALGORITHMS = {"EdDSA", "ES256K", "ES256", "ECDH-ES+A256KW"};

    private final DidHttp http;
    private final URI gateway;

    public DidDht(DidHttp http, String gatewayUri) {
        this.http = http;
        this.gateway = URI.create(gatewayUri);
    }

    @Override
    public String methodName() {
        return "dht";
    }

    /** The did:dht of an Ed25519 identity key. */
    public static String fromIdentityKey(byte[] publicKey) {
        return "did:dht:" + Rfc4648.BASE32Z.encode(publicKey);
    }

    @Override
    public DidResolutionResult resolve(String didUri) {
        try {
            byte[] identityKey = identityKeyBytes(didUri);
            Bep44 message = pkarrGet(identityKey);
            if (!message.signatureValid(identityKey)) {
                throw new DidError(DidErrorCode.INVALID_SIGNATURE, "Invalid signature for DHT BEP44 message");
            }
            List<DnsPacket.Answer> answers;
            try {
                answers = DnsPacket.answers(message.v());
            } catch (IllegalArgumentException e) {
                throw DwnError.uncoded("Error: " + e.getMessage());
            }
            DidResolutionResult result = fromDnsPacket(didUri, answers);
            result.didDocumentMetadata().put("versionId", JsValues.numberToString(message.seq()));
            return result;
        } catch (DidError e) {
            return e.toResult();
        }
    }

    static byte[] identityKeyBytes(String didUri) {
        Did parsed = Did.parse(didUri);
        if (parsed == null) throw new DidError(DidErrorCode.INVALID_DID, "Invalid DID URI: " + didUri);
        if (!parsed.method().equals("dht")) throw new DidError(DidErrorCode.METHOD_NOT_SUPPORTED, "Method not supported: " + parsed.method());
        byte[] key;
        try {
            key = Rfc4648.BASE32Z.decode(parsed.id());
        } catch (RuntimeException e) {
            throw new DidError(DidErrorCode.INVALID_PUBLIC_KEY, "Failed to decode method-specific identifier");
        }
        if (key.length != 32) throw new DidError(DidErrorCode.INVALID_PUBLIC_KEY_LENGTH, "Invalid public key length: " + key.length);
        return key;
    }

    /** A BEP44 mutable item as the relay returns it; {@code seq} as the SDK holds it, a JavaScript number. */
    record Bep44(byte[] sig, double seq, byte[] v) {
        /** The signed bytes: bencode({seq, v}) without the outer {@code d…e}. */
        byte[] signedBytes() {
            byte[] head = ("3:seqi" + new BigDecimal(seq).toPlainString() + "e1:v" + v.length + ":").getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(head, head.length + v.length);
            System.arraycopy(v, 0, out, head.length, v.length);
            return out;
        }

        /** @web5/crypto's {@code Ed25519.verify}: noble-curves ZIP-215, false (never an error) when invalid. */
        boolean signatureValid(byte[] identityKey) {
            try {
                return Ed25519.verifyRaw(signedBytes(), sig, identityKey);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private Bep44 pkarrGet(byte[] identityKey) {
        String identifier = Rfc4648.BASE32Z.encode(identityKey);
        URI base = gateway.getRawPath() == null || gateway.getRawPath().isEmpty() ? gateway.resolve("/") : gateway;
        DidHttp.Response response;
        try {
            response = http.get(base.resolve(identifier));
        } catch (IOException e) {
            throw new DidError(DidErrorCode.INTERNAL_ERROR, "Failed to fetch Pkarr record: fetch failed");
        }
        if (!response.ok()) throw new DidError(DidErrorCode.NOT_FOUND, "Pkarr record not found for: " + identifier);
        byte[] body = response.body();
        if (body.length < 72) {
            throw new DidError(DidErrorCode.INVALID_DID_DOCUMENT_LENGTH, "Pkarr response must be at least 72 bytes but got: " + body.length);
        }
        if (body.length > 1072) {
            throw new DidError(DidErrorCode.INVALID_DID_DOCUMENT_LENGTH, "Pkarr response exceeds 1000 byte limit: " + body.length);
        }
        long seq = ByteBuffer.wrap(body, 64, 8).getLong();
        double seqNumber = new BigDecimal(Long.toUnsignedString(seq)).doubleValue();
        return new Bep44(Arrays.copyOf(body, 64), seqNumber, Arrays.copyOfRange(body, 72, body.length));
    }

    /** {@code DidDhtDocument.fromDnsPacket}. */
    static DidResolutionResult fromDnsPacket(String didUri, List<DnsPacket.Answer> answers) {
        ObjectNode document = JsJson.MAPPER.createObjectNode();
        document.put("id", didUri);
        ObjectNode metadata = JsJson.MAPPER.createObjectNode();
        metadata.put("published", true);
        Map<String, String> idLookup = new HashMap<>();

        for (DnsPacket.Answer answer : answers) {
            if (answer.type() != DnsPacket.TYPE_TXT) continue;
            String firstLabel = answer.name().split("\\.", -1)[0];
            String recordId = firstLabel.isEmpty() ? "" : firstLabel.substring(1);
            String data = txtDataToString(answer.data());
            if (recordId.startsWith("aka")) {
                ArrayNode aka = document.putArray("alsoKnownAs");
                for (String value : data.split(",", -1)) aka.add(value);
            } else if (recordId.startsWith("cnt")) {
                if (data.contains(",")) {
                    ArrayNode controller = document.putArray("controller");
                    for (String value : data.split(",", -1)) controller.add(value);
                } else {
                    document.put("controller", data);
                }
            } else if (recordId.startsWith("k")) {
                addVerificationMethod(didUri, document, recordId, txtDataToObject(data), idLookup);
            } else if (recordId.startsWith("s")) {
                addService(didUri, document, txtDataToObject(data));
            } else if (recordId.startsWith("typ")) {
                String types = txtDataToObject(data).get("id");
                if (types == null) throw DwnError.uncoded("TypeError: Cannot read properties of undefined (reading 'split')");
                ArrayNode typeArray = metadata.putArray("types");
                for (String type : types.split(",", -1)) {
                    double number = jsNumber(type);
                    if (Double.isNaN(number)) typeArray.addNull(); else typeArray.add(integralOrDouble(number));
                }
            } else if (recordId.startsWith("did")) {
                Map<String, String> root = txtDataToObject(data);
                String[][] relationships = {{"auth", "authentication"}, {"asm", "assertionMethod"}, {"del", "capabilityDelegation"},
                        {"inv", "capabilityInvocation"}, {"agm", "keyAgreement"}};
                for (String[] relationship : relationships) {
                    String ids = root.get(relationship[0]);
                    if (ids == null || ids.isEmpty()) continue;
                    ArrayNode methodIds = document.putArray(relationship[1]);
                    for (String id : ids.split(",", -1)) {
                        String methodId = idLookup.get(id);
                        if (methodId != null) methodIds.add(methodId);
                    }
                }
            }
        }
        return DidResolutionResult.of(document, metadata);
    }

    private static void addVerificationMethod(String didUri, ObjectNode document, String recordId, Map<String, String> txt,
                                              Map<String, String> idLookup) {
        String k = txt.get("k");
        // the SDK rethrows these as new Error(error), so the error's name leads the message
        if (k == null) throw DwnError.uncoded("TypeError: Cannot read properties of undefined (reading 'length')");
        byte[] keyBytes;
        try {
            keyBytes = Base64Url.decode(k);
        } catch (DwnError e) {
            throw DwnError.uncoded("SyntaxError: " + e.getMessage());
        }
        double t = txt.containsKey("t") ? jsNumber(txt.get("t")) : Double.NaN;
        int keyType = t == 0 || t == 1 || t == 2 || t == 3 ? (int) t : -1;
        String curve = keyType < 0 ? "undefined" : KEY_TYPES[keyType];
        ObjectNode jwk = JsJson.MAPPER.createObjectNode();
        switch (curve) {
            case "Ed25519", "X25519" -> {
                String x = Base64Url.encode(keyBytes);
                jwk.put("kty", "OKP").put("crv", curve).put("x", x).put("kid", JwkThumbprint.okp(curve, x));
            }
            case "secp256k1" -> {
                byte[] publicKey = keyBytes.length == 32 ? secp256k1PublicKeyOf(keyBytes) : keyBytes;
                byte[][] xy = Secp256k1.coordinates(publicKey);
                if (xy == null) {
                    throw DwnError.uncoded("Error: Point of length " + publicKey.length + " was invalid. Expected 33 compressed bytes or 65 uncompressed bytes");
                }
                String x = Base64Url.encode(xy[0]);
                String y = Base64Url.encode(xy[1]);
                jwk.put("kty", "EC").put("crv", "secp256k1").put("x", x).put("y", y).put("kid", JwkThumbprint.ec("secp256k1", x, y));
            }
            default -> throw new DidError(DidErrorCode.INVALID_PUBLIC_KEY_TYPE, "Unsupported curve: " + curve);
        }
        String alg = txt.get("a");
        jwk.put("alg", alg != null && !alg.isEmpty() ? alg : DEFAULT_ALGORITHMS[keyType]);
        String id = txt.containsKey("id") ? txt.get("id") : null;
        String vmId = recordId.equals("k0") ? "0" : txt.containsKey("id") ? String.valueOf(id) : jwk.get("kid").asText();
        String methodId = didUri + "#" + vmId;
        ArrayNode methods = document.has("verificationMethod") ? (ArrayNode) document.get("verificationMethod") : document.putArray("verificationMethod");
        ObjectNode method = methods.addObject();
        method.put("id", methodId);
        method.put("type", "JsonWebKey");
        String controller = txt.get("c");
        method.put("controller", controller != null ? controller : didUri);
        method.set("publicKeyJwk", jwk);
        idLookup.put(recordId, methodId);
    }

    private static byte[] secp256k1PublicKeyOf(byte[] privateKey) {
        java.math.BigInteger d = new java.math.BigInteger(1, privateKey);
        java.math.BigInteger n = new java.math.BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        if (d.signum() == 0 || d.compareTo(n) >= 0) throw DwnError.uncoded("Error: private key must be 32 bytes, hex or bigint, not object");
        return Secp256k1.publicKeyOf(privateKey);
    }

    private static void addService(String didUri, ObjectNode document, Map<String, String> txt) {
        String se = txt.get("se");
        if (se == null) throw DwnError.uncoded("TypeError: Cannot read properties of undefined (reading 'includes')");
        ObjectNode service = JsJson.MAPPER.createObjectNode();
        for (String key : jsKeyOrder(txt)) {
            if (key.equals("id") || key.equals("t") || key.equals("se")) continue;
            String value = txt.get(key);
            if (value == null) throw DwnError.uncoded("TypeError: Cannot read properties of undefined (reading 'includes')");
            if (value.contains(",")) {
                ArrayNode values = service.putArray(key);
                for (String v : value.split(",", -1)) values.add(v);
            } else {
                service.put(key, value);
            }
        }
        service.put("id", didUri + "#" + (txt.containsKey("id") ? String.valueOf(txt.get("id")) : "undefined"));
        if (txt.get("t") != null) service.put("type", txt.get("t")); else service.remove("type");
        ArrayNode endpoints = service.putArray("serviceEndpoint");
        for (String endpoint : se.contains(",") ? se.split(",", -1) : new String[] {se}) endpoints.add(endpoint);
        ArrayNode services = document.has("service") ? (ArrayNode) document.get("service") : document.putArray("service");
        services.add(service);
    }

    /** {@code parseTxtDataToString}: each character-string decoded on its own (TextDecoder), then joined. */
    static String txtDataToString(List<byte[]> strings) {
        StringBuilder out = new StringBuilder();
        for (byte[] s : strings) out.append(JsJson.decodeUtf8(s));
        return out.toString();
    }

    /** {@code parseTxtDataToObject}: {@code a=b;c=d}, each value cut at a second {@code '='}; a pair without one maps to null (undefined). */
    static Map<String, String> txtDataToObject(String data) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : data.split(";", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                out.put(pair, null);
            } else {
                int next = pair.indexOf('=', eq + 1);
                out.put(pair.substring(0, eq), next < 0 ? pair.substring(eq + 1) : pair.substring(eq + 1, next));
            }
        }
        return out;
    }

    private static List<String> jsKeyOrder(Map<String, String> map) {
        ObjectNode probe = JsJson.MAPPER.createObjectNode();
        map.keySet().forEach(k -> probe.putNull(k));
        return io.cairn.dwn.protocol.JsObjects.keys(probe);
    }

    /** JavaScript's {@code Number(string)} for the decimal and hex forms a TXT record may carry. */
    static double jsNumber(String text) {
        String s = text.strip();
        if (s.isEmpty()) return 0;
        try {
            if (s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) return Double.parseDouble(s);
            if (s.matches("0[xX][0-9a-fA-F]+")) return new java.math.BigInteger(s.substring(2), 16).doubleValue();
            if (s.matches("0[oO][0-7]+")) return new java.math.BigInteger(s.substring(2), 8).doubleValue();
            if (s.matches("0[bB][01]+")) return new java.math.BigInteger(s.substring(2), 2).doubleValue();
            if (s.matches("[+-]?Infinity")) return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static com.fasterxml.jackson.databind.JsonNode integralOrDouble(double number) {
        if (Double.isInfinite(number)) return JsJson.MAPPER.getNodeFactory().nullNode();
        if (number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE) {
            return JsJson.MAPPER.getNodeFactory().numberNode((int) number); // as a JSON reader would type it
        }
        if (number == Math.rint(number) && Math.abs(number) < 9.007199254740992E15) {
            return JsJson.MAPPER.getNodeFactory().numberNode((long) number);
        }
        return JsJson.MAPPER.getNodeFactory().numberNode(number);
    }

    /** The relay this resolver fetches from. */
    public URI gateway() {
        return gateway;
    }
}
