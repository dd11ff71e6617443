package io.jreign.bench.dist;

import io.jreign.bench.remote.Callers;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An erl node and a Java node ({@link DistPair}), and one caller on the benchmark thread (a
 * virtual thread, as a jreign process is: see {@link DistRoundTrip}).
 */
@State(Scope.Benchmark)
public class DistCallerState {
    Beams beams;
    DistPair pair;
    Callers.Caller caller;

    @Setup(Level.Trial)
    public void start() {
        beams = Beams.locate();
        pair = DistPair.start(beams, hosted());
        caller = pair.caller();
    }

    /** Whether the Java node's processes are hosted ({@link HostedDistCallerState}). */
    boolean hosted() {
        return false;
    }

    @TearDown(Level.Trial)
    public void stop() {
        caller.close();
        pair.close();
        beams.close();
    }
}
