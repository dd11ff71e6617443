package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A map as its entry count followed by key and value of each entry, each with its class, checking
 * on read that the declared count fits in the bytes left (an entry takes at least two bytes).
 *
 * <pre>
 *   varint count | key 1 | value 1 | ... | key count | value count
 * </pre>
 */
public final class CheckedMapSerializer extends Serializer<Map<Object, Object>> {
    private final BiFunction<Kryo, Integer, Map<Object, Object>> create;
    private final Function<Map<Object, Object>, Map<Object, Object>> finish;

    public CheckedMapSerializer(BiFunction<Kryo, Integer, Map<Object, Object>> create,
            Function<Map<Object, Object>, Map<Object, Object>> finish) {
        this.create = create;
        this.finish = finish;
    }

    /** For a mutable map made by {@code create(presize)}. */
    public static CheckedMapSerializer mutable(java.util.function.IntFunction<Map<Object, Object>> create) {
        return new CheckedMapSerializer((kryo, count) -> create.apply(Math.min(count, CheckedCollectionSerializer.PRESIZE_CAP)),
                Function.identity());
    }

    /** For {@code Map.of}-style maps: read into a {@link HashMap}, then {@link Map#copyOf}. */
    public static CheckedMapSerializer immutable() {
        return new CheckedMapSerializer((kryo, count) -> new HashMap<>(Math.min(count, CheckedCollectionSerializer.PRESIZE_CAP)),
                Map::copyOf);
    }

    /** For a user-registered map class, made with Kryo's instantiator. */
    public static CheckedMapSerializer forType(Class<?> type) {
        return new CheckedMapSerializer((kryo, count) -> {
            @SuppressWarnings("unchecked")
            Map<Object, Object> made = (Map<Object, Object>) kryo.newInstance(type);
            return made;
        }, Function.identity());
    }

    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
        if (map instanceof SortedMap<?, ?> sorted && sorted.comparator() != null) {
            throw new KryoException(map.getClass().getName()
                    + " with a comparator cannot be sent: comparators do not cross the wire");
        }
        output.writeVarInt(map.size(), true);
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            kryo.writeClassAndObject(output, entry.getKey());
            kryo.writeClassAndObject(output, entry.getValue());
        }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
        int count = input.readVarInt(true);
        ((CheckedInput) input).requireRoom(count, 2, type.getName());
        Map<Object, Object> map = create.apply(kryo, count);
        for (int i = 0; i < count; i++) {
            Object key = kryo.readClassAndObject(input);
            Object value = kryo.readClassAndObject(input);
            map.put(key, value);
        }
        if (map.size() != count) {
            throw new KryoException(type.getName() + " with duplicate keys");
        }
        return finish.apply(map);
    }
}
