package io.jreign.otp.etf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An improper Erlang list such as {@code [a, b | c]}: elements followed by a tail that is not a
 * list. Proper lists map to {@link java.util.List}; use {@link #cons(List, Object)} to build a
 * list from parts without caring which one results.
 *
 * @param elements the elements before the tail; at least one, unmodifiable, no nulls
 * @param tail     the final tail; never a list (neither {@link List} nor {@code ImproperList})
 */
public record ImproperList(List<Object> elements, Object tail) {
    /**
     * @throws IllegalArgumentException if {@code elements} is empty or {@code tail} is a list
     * @throws NullPointerException     if anything is null
     */
    public ImproperList {
        elements = List.copyOf(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("an improper list needs at least one element");
        }
        if (tail == null) {
            throw new NullPointerException("tail");
        }
        if (tail instanceof List<?> || tail instanceof ImproperList) {
            throw new IllegalArgumentException("the tail of an improper list cannot be a list; use ImproperList.cons");
        }
    }

    /**
     * {@code [e1, ..., en | tail]} in normal form: a proper {@link List} when {@code tail} is a
     * proper list, an {@code ImproperList} otherwise (flattening a tail that is itself improper).
     */
    public static Object cons(List<?> elements, Object tail) {
        if (tail instanceof List<?> rest) {
            if (elements.isEmpty()) {
                return List.copyOf(rest);
            }
            if (rest.isEmpty()) {
                return List.copyOf(elements);
            }
            return Terms.concat(elements, rest);
        }
        if (elements.isEmpty()) {
            return tail;
        }
        if (tail instanceof ImproperList more) {
            return new ImproperList(Terms.concat(elements, more.elements()), more.tail());
        }
        return new ImproperList(List.copyOf(elements), tail);
    }

    /** Erlang-like text, e.g. {@code [a,b|c]}. */
    @Override
    public String toString() {
        return elements.stream().map(Terms::show).collect(Collectors.joining(",", "[", "|" + Terms.show(tail) + "]"));
    }
}
