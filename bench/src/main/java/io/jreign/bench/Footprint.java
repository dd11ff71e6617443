package io.jreign.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The secondary result of the memory benchmarks, {@code bytesEach}: heap bytes per created thing
 * (process, thread or mailbox), measured by the iteration's teardown.
 *
 * <p>JMH adds up {@code EVENTS} counters over the measurement iterations, so the figure is
 * reported once, on the last measurement iteration, as the mean over all of them (the earlier
 * measurement iterations show 0); JMH's summary line is then that mean. Warmup iterations show
 * their own figure.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Footprint {
    /** The counter JMH reports; see the class comment. */
    public double bytesEach;

    private double measuredSum;
    private int measuredIterations;

    /** Records one iteration's heap delta for {@code count} things. */
    void record(long heapDelta, int count, IterationParams iteration) {
        double each = (double) heapDelta / count;
        if (iteration.getType() != IterationType.MEASUREMENT) {
            bytesEach = each;
            return;
        }
        measuredSum += each;
        measuredIterations++;
        bytesEach = measuredIterations == iteration.getCount() ? measuredSum / measuredIterations : 0;
    }
}
