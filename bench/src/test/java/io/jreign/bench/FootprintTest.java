package io.jreign.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

class FootprintTest {

    @Test
    void warmupIterationsShowTheirOwnFigure() {
        Footprint footprint = new Footprint();
        footprint.record(3_000, 10, iterations(IterationType.WARMUP, 1));
        assertEquals(300.0, footprint.bytesEach);
    }

    @Test
    void theLastMeasurementIterationCarriesTheMeanSoJmhsSumIsTheMean() {
        Footprint footprint = new Footprint();
        IterationParams measurement = iterations(IterationType.MEASUREMENT, 3);
        double sum = 0;
        footprint.record(1_000, 10, measurement);
        sum += footprint.bytesEach;
        footprint.record(2_000, 10, measurement);
        sum += footprint.bytesEach;
        footprint.record(3_000, 10, measurement);
        sum += footprint.bytesEach;
        assertEquals(200.0, footprint.bytesEach);
        assertEquals(200.0, sum);
    }

    private static IterationParams iterations(IterationType type, int count) {
        return new IterationParams(type, count, TimeValue.seconds(1), 1);
    }
}
