package io.cairn.codec.dagcbor;

import io.cairn.error.CairnException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * What the codecs need to know about one record class, computed once per class: its components in
 * DAG-CBOR key order with their keys pre-encoded, their accessors, and the canonical constructor.
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final String[] names;
    private final byte[][] encodedKeys;
    private final Method[] accessors;
    /** Position of each sorted component in the canonical constructor's parameter list. */
    private final int[] constructorIndex;
    private final Type[] genericTypes;
    private final Class<?>[] rawTypes;
    private final Map<String, Integer> indexByName;
    private final Constructor<?> constructor;
    private final Exception unusable;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] declared = type.getRecordComponents();
        Integer[] order = new Integer[declared.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> Utf8.encodedLength(declared[i].getName()))
                .thenComparing((a, b) -> Utf8.compare(declared[a].getName(), declared[b].getName())));
        int n = declared.length;
        names = new String[n];
        encodedKeys = new byte[n][];
        accessors = new Method[n];
        constructorIndex = new int[n];
        genericTypes = new Type[n];
        rawTypes = new Class<?>[n];
        indexByName = new HashMap<>();
        Class<?>[] parameterTypes = new Class<?>[n];
        for (int i = 0; i < n; i++) parameterTypes[i] = declared[i].getType();
        Constructor<?> ctor = null;
        Exception problem = null;
        try {
            for (int i = 0; i < n; i++) {
                RecordComponent c = declared[order[i]];
                names[i] = c.getName();
                encodedKeys[i] = DagCbor.encode(c.getName());
                accessors[i] = c.getAccessor();
                accessors[i].setAccessible(true);
                constructorIndex[i] = order[i];
                genericTypes[i] = c.getGenericType();
                rawTypes[i] = c.getType();
                indexByName.put(c.getName(), i);
            }
            ctor = type.getDeclaredConstructor(parameterTypes);
            ctor.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            problem = e;
        }
        constructor = ctor;
        unusable = problem;
    }

    static RecordShape of(Class<?> recordType) {
        RecordShape shape = SHAPES.get(recordType);
        if (shape.unusable != null) {
            throw CborWriter.error("record " + recordType.getName() + " is not accessible to the codec: " + shape.unusable);
        }
        return shape;
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    /** The key's complete DAG-CBOR text-string encoding (head and UTF-8 bytes). */
    byte[] encodedKey(int i) {
        return encodedKeys[i];
    }

    Object get(Record r, int i) {
        try {
            return accessors[i].invoke(r);
        } catch (InvocationTargetException e) {
            throw CborWriter.error("accessor " + type.getSimpleName() + "." + names[i] + "() failed: " + e.getCause());
        } catch (IllegalAccessException e) {
            throw CborWriter.error("cannot read " + type.getSimpleName() + "." + names[i]);
        }
    }

    /** Index of the component named {@code key}, or -1. */
    int indexOf(String key) {
        Integer i = indexByName.get(key);
        return i == null ? -1 : i;
    }

    Type genericType(int i) {
        return genericTypes[i];
    }

    Class<?> rawType(int i) {
        return rawTypes[i];
    }

    /** Builds an instance from component values given in this shape's (sorted) order. */
    Object construct(Object[] sortedValues, String path) {
        Object[] args = new Object[sortedValues.length];
        for (int i = 0; i < sortedValues.length; i++) args[constructorIndex[i]] = sortedValues[i];
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof CairnException ce) throw ce; // the record's own validation, already explained
            throw ValueMapper.mismatch(path, type.getSimpleName() + " refused the values: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw ValueMapper.mismatch(path, "cannot construct " + type.getName() + ": " + e);
        }
    }
}
