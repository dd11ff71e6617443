package io.jreign.bench.cluster;

import io.jreign.bench.remote.Callers;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Two cluster nodes ({@link ClusterPair}) and one caller on the benchmark thread. */
@State(Scope.Benchmark)
public class ClusterCallerState {
    ClusterPair pair;
    Callers.Caller caller;

    @Setup(Level.Trial)
    public void start() {
        pair = ClusterPair.start();
        caller = pair.caller();
    }

    @TearDown(Level.Trial)
    public void stop() {
        caller.close();
        pair.close();
    }
}
