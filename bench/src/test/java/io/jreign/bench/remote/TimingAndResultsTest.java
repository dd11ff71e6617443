package io.jreign.bench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingAndResultsTest {

    @Test
    void warmupsAreThrownAwayAndTheMedianOfTheMeasuredOnesIsTaken() {
        List<Double> rates = new ArrayList<>(List.of(1000.0, 1.0, 5.0, 3.0));
        List<Duration> lengths = new ArrayList<>();
        double median = new Timing(1, 3, Duration.ofMillis(7)).medianRate(length -> {
            lengths.add(length);
            return rates.removeFirst();
        });
        assertEquals(3.0, median);
        assertEquals(List.of(Duration.ofMillis(7), Duration.ofMillis(7), Duration.ofMillis(7), Duration.ofMillis(7)), lengths);
        assertEquals(2.5, Timing.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void modesByName() {
        assertEquals(Timing.QUICK, Timing.named("quick"));
        assertEquals(Timing.FULL, Timing.named("full"));
        assertEquals(Timing.SMOKE, Timing.named("smoke"));
        assertThrows(IllegalArgumentException.class, () -> Timing.named("slow"));
    }

    @Test
    void resultLinesAreWhatTableDotPyReads() {
        assertEquals("RESULT cluster_callers16 1234.500 calls/s", Results.line("cluster_callers16", 1234.5, "calls/s"));
        assertThrows(IllegalArgumentException.class, () -> Results.line("two words", 1, "us"));
    }
}
