package io.jreign.testkit.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A generator of test values that draws from {@link Choices}, so every value it makes can be
 * replayed from a seed and shrunk without a shrinker of its own. Smaller choices mean simpler
 * values: lower numbers, shorter lists, earlier alternatives.
 */
@FunctionalInterface
public interface Gen<T> {

    T generate(Choices choices);

    /** Integers in {@code [min, max]}, shrinking towards {@code min}. */
    static Gen<Integer> ints(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        return choices -> (int) (min + choices.draw((long) max - min + 1));
    }

    /** Longs in {@code [min, max]}, shrinking towards {@code min}. */
    static Gen<Long> longs(long min, long max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        long span = max - min + 1;
        return choices -> span <= 0 ? min + choices.draw(Long.MAX_VALUE) : min + choices.draw(span);
    }

    /** Durations in {@code [min, max]} at millisecond resolution, shrinking towards {@code min}. */
    static Gen<Duration> durations(Duration min, Duration max) {
        return longs(min.toMillis(), max.toMillis()).map(Duration::ofMillis);
    }

    /** One of {@code values}, shrinking towards the first. */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> options = List.of(values);
        return choices -> options.get((int) choices.draw(options.size()));
    }

    /** One of {@code gens}, shrinking towards the first. */
    @SafeVarargs
    static <T> Gen<T> choose(Gen<? extends T>... gens) {
        List<Gen<? extends T>> options = List.of(gens);
        return choices -> options.get((int) choices.draw(options.size())).generate(choices);
    }

    /** True with probability {@code p}; shrinks to false. */
    static Gen<Boolean> chance(double p) {
        return choices -> choices.draw(1_000_000) >= Math.round((1 - p) * 1_000_000);
    }

    /** Lists of {@code min} to {@code max} elements, shrinking to shorter lists of simpler elements. */
    static <T> Gen<List<T>> listOf(Gen<T> element, int min, int max) {
        return choices -> {
            List<T> list = new ArrayList<>();
            // One "another?" choice per element lets shrinking delete elements anywhere.
            while (list.size() < min || (list.size() < max && choices.draw(8) != 0)) {
                list.add(element.generate(choices));
            }
            return list;
        };
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return choices -> mapper.apply(generate(choices));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> next) {
        return choices -> next.apply(generate(choices)).generate(choices);
    }
}
