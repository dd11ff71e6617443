package io.jreign.bench.pekko;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Two Pekko systems ({@link PekkoPair}) for one JMH trial; the benchmark thread calls with {@code ask}. */
@State(Scope.Benchmark)
public class PekkoCallerState {
    public PekkoPair pair;

    @Setup(Level.Trial)
    public void start() {
        pair = PekkoPair.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        pair.close();
    }
}
