package io.jreign.bench.echo;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The echo peer and its three clients, for one JMH trial. */
@State(Scope.Benchmark)
public class EchoState {
    public EchoPeer echo;

    @Setup(Level.Trial)
    public void start() {
        echo = EchoPeer.start();
        System.out.println("raw echo TLS implementation (Netty): " + echo.provider());
    }

    @TearDown(Level.Trial)
    public void stop() {
        echo.close();
    }
}
