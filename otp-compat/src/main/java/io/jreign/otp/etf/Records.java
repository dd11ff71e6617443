package io.jreign.otp.etf;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java records registered with a codec, and their conversion to and from tuples or maps.
 * Immutable once built.
 */
final class Records {
    /** The key that names a record in the {@link RecordShape#MAP} shape. */
    static final Atom STRUCT_KEY = Atom.of("__struct__");

    /** One registered record class. */
    record Mapping(Class<?> type, Atom tag, RecordShape shape, Atom[] fields, Class<?>[] types,
                   Method[] accessors, Constructor<?> constructor) {
    }

    private record TupleKey(Atom tag, int arity) {
        // Written out for the same reason as Atom's: every decoded tuple that starts with an atom is looked up.
        @Override
        public boolean equals(Object other) {
            return other instanceof TupleKey that && arity == that.arity && tag.equals(that.tag);
        }

        @Override
        public int hashCode() {
            return tag.hashCode() * 31 + arity;
        }
    }

    private final Map<Class<?>, Mapping> byClass = new HashMap<>();
    private final Map<TupleKey, Mapping> byTuple = new HashMap<>();
    private final Map<Atom, Mapping> byStruct = new HashMap<>();

    Records copy() {
        Records c = new Records();
        c.byClass.putAll(byClass);
        c.byTuple.putAll(byTuple);
        c.byStruct.putAll(byStruct);
        return c;
    }

    boolean isEmpty() {
        return byClass.isEmpty();
    }

    /**
     * @throws IllegalArgumentException if {@code type} is not a record, is already registered, or its
     *                                  tag and shape (and arity) are taken
     */
    void register(Class<?> type, Atom tag, RecordShape shape) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record class");
        }
        if (byClass.containsKey(type)) {
            throw new IllegalArgumentException(type.getName() + " is already registered");
        }
        RecordComponent[] components = type.getRecordComponents();
        Atom[] fields = new Atom[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Method[] accessors = new Method[components.length];
        Constructor<?> constructor;
        try {
            for (int i = 0; i < components.length; i++) {
                fields[i] = Atom.of(components[i].getName());
                types[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("cannot access record " + type.getName() + ": " + e.getMessage(), e);
        }
        Mapping mapping = new Mapping(type, tag, shape, fields, types, accessors, constructor);
        if (shape == RecordShape.TUPLE) {
            if (byTuple.putIfAbsent(new TupleKey(tag, components.length + 1), mapping) != null) {
                throw new IllegalArgumentException("tag " + tag + " with " + components.length
                        + " fields is already registered");
            }
        } else if (byStruct.putIfAbsent(tag, mapping) != null) {
            throw new IllegalArgumentException("struct tag " + tag + " is already registered");
        }
        byClass.put(type, mapping);
    }

    /** Each registered class's name and how it maps ({@code tag/SHAPE}), sorted by class name. */
    java.util.SortedMap<String, String> describe() {
        java.util.SortedMap<String, String> described = new java.util.TreeMap<>();
        byClass.forEach((type, mapping) -> described.put(type.getName(), mapping.tag() + "/" + mapping.shape()));
        return described;
    }

    Mapping mappingOf(Class<?> type) {
        return byClass.get(type);
    }

    /** The tuple or map form of a registered record. */
    Object toTerm(Record record) {
        Mapping m = byClass.get(record.getClass());
        Object[] values = new Object[m.accessors.length];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = m.accessors[i].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new EtfException("cannot read " + m.type.getName() + "." + m.fields[i].name(), e);
            }
            if (values[i] == null) {
                throw new EtfException("cannot encode null in " + m.type.getSimpleName() + "." + m.fields[i].name());
            }
        }
        if (m.shape == RecordShape.TUPLE) {
            List<Object> elements = new ArrayList<>(values.length + 1);
            elements.add(m.tag);
            elements.addAll(List.of(values));
            return new Tuple(elements);
        }
        Map<Object, Object> map = new HashMap<>();
        map.put(STRUCT_KEY, m.tag);
        for (int i = 0; i < values.length; i++) {
            map.put(m.fields[i], values[i]);
        }
        return map;
    }

    /** The record for a decoded tuple when one is registered for its tag and arity, else null. */
    Object fromTuple(List<Object> elements, long offset, int tag) {
        if (elements.isEmpty() || !(elements.getFirst() instanceof Atom first)) {
            return null;
        }
        Mapping m = byTuple.get(new TupleKey(first, elements.size()));
        if (m == null) {
            return null;
        }
        return construct(m, elements.subList(1, elements.size()), offset, tag);
    }

    /** The record for a decoded map when it is a registered struct, else null. */
    Object fromMap(Map<Object, Object> map, long offset, int tag) {
        if (byStruct.isEmpty() || !(map.get(STRUCT_KEY) instanceof Atom structTag)) {
            return null;
        }
        Mapping m = byStruct.get(structTag);
        if (m == null) {
            return null;
        }
        if (map.size() != m.fields.length + 1) {
            throw new EtfException("map for struct " + structTag + " (" + m.type.getName() + ") has "
                    + (map.size() - 1) + " fields, expected " + m.fields.length, offset, tag);
        }
        List<Object> values = new ArrayList<>(m.fields.length);
        for (Atom field : m.fields) {
            Object value = map.get(field);
            if (value == null) {
                throw new EtfException("map for struct " + structTag + " lacks field " + field, offset, tag);
            }
            values.add(value);
        }
        return construct(m, values, offset, tag);
    }

    private static Object construct(Mapping m, List<Object> values, long offset, int tag) {
        Object[] args = new Object[values.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = convert(values.get(i), m.types[i], m, i, offset, tag);
        }
        try {
            return m.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new EtfException("constructor of " + m.type.getName() + " rejected the decoded fields: "
                    + e.getCause(), offset, tag);
        } catch (ReflectiveOperationException e) {
            throw new EtfException("cannot construct " + m.type.getName() + ": " + e, offset, tag);
        }
    }

    /** Converts a decoded value to a record component's type. */
    private static Object convert(Object value, Class<?> type, Mapping m, int index, long offset, int tag) {
        Object converted = convert(value, type);
        if (converted == null) {
            throw new EtfException("field " + m.fields[index] + " of " + m.type.getName() + " expects "
                    + type.getSimpleName() + ", got " + Terms.show(value), offset, tag);
        }
        return converted;
    }

    /** {@code value} as {@code type}, or null when it cannot be converted. */
    static Object convert(Object value, Class<?> type) {
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Long l) {
            if (boxed == Integer.class && l == l.intValue()) {
                return l.intValue();
            }
            if (boxed == Short.class && l == l.shortValue()) {
                return l.shortValue();
            }
            if (boxed == Byte.class && l == l.byteValue()) {
                return l.byteValue();
            }
            if (boxed == BigInteger.class) {
                return BigInteger.valueOf(l);
            }
        }
        if (value instanceof Double d && boxed == Float.class) {
            return d.floatValue();
        }
        if (value instanceof Atom a) {
            if (boxed == Boolean.class && a.isBoolean()) {
                return a.equals(Atom.TRUE);
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(a.name())) {
                        return constant;
                    }
                }
            }
        }
        if (value instanceof Binary b) {
            if (type == byte[].class) {
                return b.toByteArray();
            }
            if (type == String.class) {
                try {
                    return b.utf8();
                } catch (IllegalStateException e) {
                    return null;
                }
            }
        }
        if (value instanceof List<?> list && type == String.class) {
            StringBuilder text = new StringBuilder(list.size());
            for (Object element : list) {
                if (!(element instanceof Long cp) || cp < 0 || cp > Character.MAX_CODE_POINT
                        || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    return null;
                }
                text.appendCodePoint(cp.intValue());
            }
            return text.toString();
        }
        return null;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
