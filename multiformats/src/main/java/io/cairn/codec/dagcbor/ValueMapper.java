package io.cairn.codec.dagcbor;

import io.cairn.codec.CodecException;
import io.cairn.multiformats.Cid;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a decoded data-model value (null, Boolean, Long/BigInteger, Double, String, byte[], List, Map,
 * Cid) into a requested Java type: records (from maps, by component name), boxed and primitive numbers
 * (range-checked), {@code List<T>}, {@code Map<String, T>}, or the value as it is for {@code Object}.
 *
 * <p>Strict like the codecs: an unknown key, a missing primitive component or a value of the wrong kind
 * is a {@link CodecException} with code {@code record_mismatch}. A missing key of a reference type
 * becomes null, since optional fields are usually left out rather than written as null.
 */
public final class ValueMapper {
    private ValueMapper() {}

    /** Converts {@code value}, as {@link DagCbor#decode} or DAG-JSON's decode returns it, to {@code type}. */
    public static <T> T convert(Object value, Class<T> type) {
        @SuppressWarnings("unchecked")
        T t = (T) convert(value, type, "$");
        return t;
    }

    /** The map a record is encoded as: its components by name, in DAG-CBOR key order. */
    public static Map<String, Object> componentsOf(Record r) {
        RecordShape shape = RecordShape.of(r.getClass());
        Map<String, Object> m = LinkedHashMap.newLinkedHashMap(shape.size());
        for (int i = 0; i < shape.size(); i++) m.put(shape.name(i), shape.get(r, i));
        return m;
    }

    static Object convert(Object value, Type target, String path) {
        if (target instanceof Class<?> c) return convertToClass(value, c, path);
        if (target instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
                return toList(value, args[0], path);
            }
            if (raw == Map.class) {
                if (!isStringType(args[0])) throw mismatch(path, "map keys are strings; cannot produce " + p);
                return toMap(value, args[1], path);
            }
            return convertToClass(value, raw, path);
        }
        if (target instanceof WildcardType w) return convert(value, w.getUpperBounds()[0], path);
        throw mismatch(path, "unsupported target type " + target);
    }

    private static Object convertToClass(Object value, Class<?> c, String path) {
        if (c.isPrimitive()) {
            if (value == null) throw mismatch(path, "null where a " + c + " is required");
            return primitive(value, c, path);
        }
        if (value == null || c == Object.class) return value;
        if (c.isRecord()) return toRecord(value, c, path);
        if (c == Long.class || c == Integer.class || c == Short.class || c == Byte.class
                || c == Double.class || c == Float.class || c == Boolean.class) {
            return primitive(value, c, path);
        }
        if (c == BigInteger.class) {
            if (value instanceof Long l) return BigInteger.valueOf(l);
            if (value instanceof BigInteger) return value;
            throw kind(path, "integer", value);
        }
        if (c == List.class || c == Collection.class || c == Iterable.class) return toList(value, Object.class, path);
        if (c == Map.class) return toMap(value, Object.class, path);
        if (c.isInstance(value)) return value; // String, byte[], Cid
        throw kind(path, c.getSimpleName(), value);
    }

    private static Object primitive(Object value, Class<?> c, String path) {
        if (c == boolean.class || c == Boolean.class) {
            if (value instanceof Boolean) return value;
            throw kind(path, "boolean", value);
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            double d;
            if (value instanceof Double x) {
                d = x;
            } else if (value instanceof Long l && (double) l == l && l != Long.MAX_VALUE) {
                d = l; // writers without a float type (JavaScript) store integral floats as integers
            } else {
                throw kind(path, "float", value);
            }
            return c == float.class || c == Float.class ? (Object) (float) d : (Object) d;
        }
        if (!(value instanceof Long l)) throw kind(path, "integer in the range of " + c.getSimpleName(), value);
        long min;
        long max;
        if (c == long.class || c == Long.class) return l;
        if (c == int.class || c == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (c == short.class || c == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (c == byte.class || c == Byte.class) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else {
            throw mismatch(path, "unsupported target type " + c);
        }
        if (l < min || l > max) throw mismatch(path, l + " does not fit in a " + c.getSimpleName());
        if (c == int.class || c == Integer.class) return (int) (long) l;
        if (c == short.class || c == Short.class) return (short) (long) l;
        return (byte) (long) l;
    }

    private static List<Object> toList(Object value, Type element, String path) {
        if (!(value instanceof List<?> list)) throw kind(path, "list", value);
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) out.add(convert(list.get(i), element, path + "[" + i + "]"));
        return out;
    }

    private static Map<String, Object> toMap(Object value, Type valueType, String path) {
        if (!(value instanceof Map<?, ?> map)) throw kind(path, "map", value);
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            out.put(key, convert(e.getValue(), valueType, path + "." + key));
        }
        return out;
    }

    private static Object toRecord(Object value, Class<?> type, String path) {
        if (!(value instanceof Map<?, ?> map)) throw kind(path, "map for " + type.getSimpleName(), value);
        RecordShape shape = RecordShape.of(type);
        Object[] values = new Object[shape.size()];
        boolean[] present = new boolean[shape.size()];
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            int i = shape.indexOf(key);
            if (i < 0) throw mismatch(path, type.getSimpleName() + " has no component \"" + key + "\"");
            values[i] = convert(e.getValue(), shape.genericType(i), path + "." + key);
            present[i] = true;
        }
        for (int i = 0; i < values.length; i++) {
            if (!present[i] && shape.rawType(i).isPrimitive()) {
                throw mismatch(path, "missing \"" + shape.name(i) + "\" for " + type.getSimpleName());
            }
        }
        return shape.construct(values, path);
    }

    private static boolean isStringType(Type t) {
        return t == String.class || t instanceof WildcardType w && w.getUpperBounds()[0] == Object.class
                || t == Object.class;
    }

    private static CodecException kind(String path, String expected, Object value) {
        return mismatch(path, "expected a " + expected + ", found " + describe(value));
    }

    private static String describe(Object v) {
        return switch (v) {
            case null -> "null";
            case Long l -> "integer " + l;
            case BigInteger b -> "integer " + b;
            case Double d -> "float " + d;
            case String s -> "string";
            case byte[] b -> "bytes";
            case Cid c -> "link";
            case List<?> l -> "list";
            case Map<?, ?> m -> "map";
            default -> v.getClass().getSimpleName();
        };
    }

    static CodecException mismatch(String path, String detail) {
        return new CodecException("record_mismatch", "value at " + path + " does not fit: " + detail);
    }
}
