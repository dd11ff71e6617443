package io.jreign.testkit.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyTest {

    @Test
    void aPropertyThatHoldsPasses() {
        Property.forAll(Gen.listOf(Gen.ints(-50, 50), 0, 30)).seed(1).tries(300).check(list -> {
            List<Integer> reversed = new ArrayList<>(list);
            Collections.reverse(reversed);
            Collections.reverse(reversed);
            assertEquals(list, reversed);
        });
    }

    @Test
    void aFailureIsShrunkToAMinimalCounterexampleWithItsSeed() {
        PropertyFailure failure = assertThrows(PropertyFailure.class, () ->
                Property.forAll(Gen.listOf(Gen.ints(0, 1_000), 0, 40)).seed(5).tries(500)
                        .check(list -> assertTrue(list.stream().mapToInt(Integer::intValue).sum() < 1_000, "sum too big")));
        assertEquals(List.of(1_000), failure.shrunk(), "the simplest list whose sum reaches 1000");
        assertTrue(failure.getMessage().contains("seed " + failure.seed()));
        assertTrue(failure.getMessage().contains("-Djreign.seed=" + failure.seed()));
    }

    @Test
    void theSeedReplaysTheSameValue() {
        Gen<List<Integer>> gen = Gen.listOf(Gen.ints(0, 9), 0, 20);
        Property<List<Integer>> property = Property.forAll(gen);
        assertEquals(property.valueFor(77), Property.forAll(gen).valueFor(77), "the same seed, the same value");
        PropertyFailure failure = assertThrows(PropertyFailure.class, () ->
                Property.forAll(gen).seed(100).tries(1000).check(list -> assertTrue(list.size() < 5)));
        assertEquals(failure.original(), Property.forAll(gen).valueFor(failure.seed()));
        assertEquals(5, ((List<?>) failure.shrunk()).size());
        assertEquals(List.of(0, 0, 0, 0, 0), failure.shrunk());
    }

    @Test
    void generatorsStayInTheirRanges() {
        Choices choices = Choices.from(io.jreign.mailbox.spi.Entropy.seeded(3));
        for (int i = 0; i < 10_000; i++) {
            int n = Gen.ints(-3, 3).generate(choices);
            assertTrue(n >= -3 && n <= 3);
            long l = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(choices);
            assertTrue(l >= Long.MIN_VALUE);
        }
        assertEquals(0, Gen.ints(0, 10).generate(Choices.replaying(List.of())), "past the end: simplest");
    }
}
