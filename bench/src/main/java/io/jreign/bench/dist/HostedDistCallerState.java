package io.jreign.bench.dist;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link DistCallerState} with the Java node's processes hosted on their DIST readers. */
@State(Scope.Benchmark)
public class HostedDistCallerState extends DistCallerState {
    @Override
    boolean hosted() {
        return true;
    }
}
