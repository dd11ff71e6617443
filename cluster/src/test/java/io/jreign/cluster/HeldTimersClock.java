package io.jreign.cluster;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system clock, except that timers of exactly one delay are held until the test fires them:
 * with a delay no test waits for (minutes), a timeout that fires only when fired here is proven to
 * be on the clock seam.
 */
final class HeldTimersClock implements Clock {
    private final Clock system = Clock.system();
    private final Duration held;
    private final List<Timer> timers = new CopyOnWriteArrayList<>();

    private record Timer(Runnable action, AtomicBoolean done) {}

    HeldTimersClock(Duration held) {
        this.held = held;
    }

    @Override
    public long nanoTime() {
        return system.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        if (!delay.equals(held)) {
            return system.schedule(delay, action);
        }
        Timer timer = new Timer(action, new AtomicBoolean());
        timers.add(timer);
        return () -> !timer.done().getAndSet(true);
    }

    /** Timers of the held delay that are neither cancelled nor fired. */
    int waiting() {
        return (int) timers.stream().filter(timer -> !timer.done().get()).count();
    }

    /** Runs every held timer that is neither cancelled nor fired, as if its delay had passed; returns how many. */
    int fire() {
        int fired = 0;
        for (Timer timer : timers) {
            if (!timer.done().getAndSet(true)) {
                timer.action().run();
                fired++;
            }
        }
        return fired;
    }
}
