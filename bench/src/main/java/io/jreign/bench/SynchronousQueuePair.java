package io.jreign.bench;

import java.util.concurrent.SynchronousQueue;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JDK floor for {@link PingPong}: two virtual threads handing a token back and forth through
 * two {@link SynchronousQueue}s, driven in batches from the benchmark thread exactly as the
 * jreign pair is.
 */
@State(Scope.Thread)
public class SynchronousQueuePair {
    private final SynchronousQueue<Integer> commands = new SynchronousQueue<>();
    private final SynchronousQueue<Signal> done = new SynchronousQueue<>();
    private final SynchronousQueue<Signal> toEcho = new SynchronousQueue<>();
    private final SynchronousQueue<Signal> toPinger = new SynchronousQueue<>();
    private Thread pinger;
    private Thread echo;

    @Setup(Level.Trial)
    public void start() {
        echo = Thread.ofVirtual().start(this::echo);
        pinger = Thread.ofVirtual().start(this::pinger);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pinger.interrupt();
        echo.interrupt();
        pinger.join();
        echo.join();
    }

    /** Has the pinger do {@code count} round trips with the echo thread; returns when it has. */
    public void roundTrips(int count) throws InterruptedException {
        commands.put(count);
        done.take();
    }

    private void echo() {
        try {
            while (true) {
                toEcho.take();
                toPinger.put(Signal.PONG);
            }
        } catch (InterruptedException stop) {
            // teardown
        }
    }

    private void pinger() {
        try {
            while (true) {
                int count = commands.take();
                for (int i = 0; i < count; i++) {
                    toEcho.put(Signal.MSG);
                    toPinger.take();
                }
                done.put(Signal.DONE);
            }
        } catch (InterruptedException stop) {
            // teardown
        }
    }
}
