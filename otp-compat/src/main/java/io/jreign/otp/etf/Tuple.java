package io.jreign.otp.etf;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An Erlang tuple: a fixed-size, immutable sequence of terms. Encodes as {@code SMALL_TUPLE_EXT}
 * (arity below 256) or {@code LARGE_TUPLE_EXT}.
 *
 * @param elements the elements, in order; unmodifiable, no nulls
 */
public record Tuple(List<Object> elements) {
    /** The empty tuple {@code {}}. */
    public static final Tuple EMPTY = new Tuple(List.of());

    /**
     * @throws NullPointerException if {@code elements} or one of them is null
     */
    public Tuple {
        elements = List.copyOf(elements);
    }

    /** The tuple of {@code elements}. */
    public static Tuple of(Object... elements) {
        return new Tuple(Arrays.asList(elements));
    }

    /** The number of elements (Erlang's {@code tuple_size/1}). */
    public int size() {
        return elements.size();
    }

    /** The element at {@code index} (0-based, unlike Erlang's {@code element/2}). */
    public Object get(int index) {
        return elements.get(index);
    }

    /** Erlang-like text, e.g. {@code {ok,42}}. */
    @Override
    public String toString() {
        return elements.stream().map(Terms::show).collect(Collectors.joining(",", "{", "}"));
    }
}
