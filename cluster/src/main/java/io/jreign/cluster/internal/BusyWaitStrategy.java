package io.jreign.cluster.internal;

import io.jreign.mailbox.spi.Clock;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * An event loop's select strategy that, out of work, keeps polling its sockets without blocking
 * for up to a set time before it sleeps in the kernel: a BEAM scheduler's busy wait.
 *
 * <p>Why: a peer's write to a socket whose event loop sleeps in {@code epoll_wait} must wake that
 * thread, and on a virtual machine a cross-core wake-up was the largest single cost of a batch of
 * calls between two nodes (a ninth of all CPU time in a profile of sixteen callers, spent inside
 * the sender's {@code send}). A polling loop needs no wake-up, and with hosted processes the reply
 * it reads, the process it wakes and that process's next request all stay on the one thread.
 *
 * <p>It stops polling as soon as a task is queued for the loop (a write from another thread), so
 * tasks wait no longer than they would for a sleeping loop, whose wake-up is skipped while it polls.
 */
final class BusyWaitStrategy implements SelectStrategy {
    private final long busyWaitNanos;
    private final Clock clock;

    BusyWaitStrategy(long busyWaitNanos, Clock clock) {
        this.busyWaitNanos = busyWaitNanos;
        this.clock = clock;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get();
        }
        if (!(ThreadExecutorMap.currentExecutor() instanceof SingleThreadEventExecutor loop)) {
            return SelectStrategy.SELECT; // not a loop whose queue it can watch: never delay its tasks
        }
        long start = clock.nanoTime();
        long polls = busyWaitNanos / 50; // fewer than system calls allow: a clock that stands still cannot hold it
        do {
            int ready = selectNow.get();
            if (ready > 0) {
                return ready;
            }
            if (loop.pendingTasks() > 0) {
                return 0; // run them now: their submitter did not wake a loop that was not asleep
            }
            Thread.onSpinWait();
        } while (--polls > 0 && clock.nanoTime() - start < busyWaitNanos);
        return SelectStrategy.SELECT;
    }
}
