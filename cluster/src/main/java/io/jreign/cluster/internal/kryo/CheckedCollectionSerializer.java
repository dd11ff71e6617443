package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * A collection as its element count followed by each element with its class, checking on read that
 * the declared count fits in the bytes left (each element takes at least one byte) and never
 * pre-sizing for more than {@link #PRESIZE_CAP} elements.
 *
 * <pre>
 *   varint count | element 1 (class id + value, or the null marker) | ... | element count
 * </pre>
 */
public final class CheckedCollectionSerializer extends Serializer<Collection<Object>> {
    static final int PRESIZE_CAP = 1_024;

    /** How to make an empty collection for {@code count} elements, and how to finish it. */
    public interface Factory {
        Collection<Object> create(Kryo kryo, int count);

        default Collection<Object> finish(Collection<Object> filled) {
            return filled;
        }
    }

    private final Factory factory;

    public CheckedCollectionSerializer(Factory factory) {
        this.factory = factory;
    }

    /** For a mutable collection made by {@code create(count)}. */
    public static CheckedCollectionSerializer mutable(java.util.function.IntFunction<Collection<Object>> create) {
        return new CheckedCollectionSerializer((kryo, count) -> create.apply(Math.min(count, PRESIZE_CAP)));
    }

    /** For an immutable list or set: read into an {@link ArrayList}, then {@code copy} it. */
    public static CheckedCollectionSerializer immutable(Function<List<Object>, Collection<Object>> copy) {
        return new CheckedCollectionSerializer(new Factory() {
            @Override
            public Collection<Object> create(Kryo kryo, int count) {
                return new ArrayList<>(Math.min(count, PRESIZE_CAP));
            }

            @Override
            public Collection<Object> finish(Collection<Object> filled) {
                List<Object> list = (List<Object>) filled;
                return list.contains(null) ? Collections.unmodifiableList(list) : copy.apply(list);
            }
        });
    }

    /** For a user-registered collection class, made with Kryo's instantiator. */
    public static CheckedCollectionSerializer forType(Class<?> type) {
        return new CheckedCollectionSerializer((kryo, count) -> {
            @SuppressWarnings("unchecked")
            Collection<Object> made = (Collection<Object>) kryo.newInstance(type);
            return made;
        });
    }

    @Override
    public void write(Kryo kryo, Output output, Collection<Object> collection) {
        if (collection instanceof SortedSet<?> sorted && sorted.comparator() != null) {
            throw new KryoException(collection.getClass().getName()
                    + " with a comparator cannot be sent: comparators do not cross the wire");
        }
        output.writeVarInt(collection.size(), true);
        for (Object element : collection) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
        int count = input.readVarInt(true);
        ((CheckedInput) input).requireRoom(count, 1, type.getName());
        Collection<Object> collection = factory.create(kryo, count);
        for (int i = 0; i < count; i++) {
            collection.add(kryo.readClassAndObject(input));
        }
        if (collection instanceof Set<?> && collection.size() != count) {
            throw new KryoException(type.getName() + " with duplicate elements");
        }
        return factory.finish(collection);
    }
}
