package io.jreign.testkit;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs simulated processes one at a time, in an order drawn from a seeded stream, so the same seed
 * gives the same interleaving.
 *
 * <pre>
 *   driver --handTo--> p1 --park: choose--> p3 --park: choose--> (none runnable: fire next timer,
 *                                                                 time jumps) --> p1 ...
 *                                                      stop condition or nothing left --> driver
 * </pre>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Exactly one thread holds the baton ({@link #running}; null means the driver). Every process
 *       is a real virtual thread, but one without the baton waits in {@link #waitTurn}.</li>
 *   <li>A process gives the baton away only when it parks through this scheduler (a receive with
 *       nothing to take) or ends. Between two such points it runs alone, so it is never stopped
 *       half-way through an enqueue.</li>
 *   <li>The next process is drawn uniformly from the runnable ones, in the order they became
 *       runnable; when none is runnable, the earliest timer fires and virtual time jumps to it.</li>
 *   <li>Before each choice the network's own work runs ({@link #beforeEachChoice}: the simulated
 *       connections' pending tasks), as an event-loop thread would get its turn.</li>
 *   <li>Threads that are not simulated processes (the JUnit thread, after {@link #release()} all
 *       threads) park and unpark for real.</li>
 * </ul>
 * Code that blocks outside jreign's seams (sockets, {@code Thread.sleep}, foreign locks) is outside
 * the deterministic world and may hang a simulation.
 */
final class DeterministicScheduler implements Scheduler {
    /** A simulated process: its thread and its scheduling state (guarded by the scheduler). */
    private static final class Proc {
        final long id;
        Thread thread;
        boolean permit;
        boolean parked;
        boolean queued;
        boolean interruptedWhileWaiting;
        Cancellable timer;

        Proc(long id) {
            this.id = id;
        }
    }

    private final VirtualClock clock;
    private final Entropy entropy;
    private final Trace trace;
    private final Map<Thread, Proc> procs = new HashMap<>();
    private final List<Proc> runnable = new ArrayList<>();
    private volatile Proc running;
    private volatile boolean free;
    private volatile Thread driver;
    private volatile BooleanSupplier stopWhen = () -> false;
    private volatile Runnable network = () -> { };
    private long timeLimit = Long.MAX_VALUE;
    private long lastId;

    DeterministicScheduler(VirtualClock clock, Entropy entropy, Trace trace) {
        this.clock = clock;
        this.entropy = entropy;
        this.trace = trace;
    }

    @Override
    public Thread start(String name, Runnable body) {
        if (free) {
            return Thread.ofVirtual().start(body);
        }
        Proc proc;
        synchronized (this) {
            proc = new Proc(++lastId);
        }
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            waitTurn(proc);
            try {
                body.run();
            } finally {
                finish(proc);
            }
        });
        if (name != null) {
            thread.setName(name);
        }
        synchronized (this) {
            proc.thread = thread;
            procs.put(thread, proc);
            queue(proc);
        }
        trace.record("spawn p" + proc.id);
        thread.start();
        return thread;
    }

    @Override
    public void park(Object blocker, long deadlineNanos) {
        Thread current = Thread.currentThread();
        Proc me;
        synchronized (this) {
            me = free ? null : procs.get(current);
            if (me != null) {
                if (me.permit || current.isInterrupted()) {
                    me.permit = false;
                    return;
                }
                if (deadlineNanos != Long.MAX_VALUE) {
                    long delay = Math.max(0, deadlineNanos - clock.nanoTime());
                    me.timer = clock.schedule(Duration.ofNanos(delay), () -> unpark(current));
                }
                me.parked = true;
            }
        }
        if (me == null) {
            parkForReal(blocker, deadlineNanos);
            return;
        }
        switchAway(me);
        synchronized (this) {
            me.parked = false;
            me.permit = false;
            if (me.timer != null) {
                me.timer.cancel();
                me.timer = null;
            }
        }
    }

    @Override
    public void unpark(Thread thread) {
        synchronized (this) {
            Proc proc = free ? null : procs.get(thread);
            if (proc != null) {
                if (!proc.parked) {
                    proc.permit = true;
                } else if (!proc.queued) {
                    queue(proc);
                }
                return;
            }
        }
        LockSupport.unpark(thread);
    }

    /**
     * Runs the simulation from the calling (driver) thread until {@code stop} holds, nothing can
     * run and no timer is pending, or virtual time would pass {@code limitNanos}.
     */
    void runUntil(BooleanSupplier stop, long limitNanos) {
        driver = Thread.currentThread();
        stopWhen = stop;
        synchronized (this) {
            timeLimit = limitNanos;
        }
        Proc next = chooseNext();
        if (next == null) {
            return;
        }
        handTo(next);
        while (running != null && !free) {
            LockSupport.park(this);
        }
    }

    /** Ends determinism: every process runs freely from now on (to let them be shut down). */
    void release() {
        List<Thread> waiting;
        synchronized (this) {
            free = true;
            waiting = new ArrayList<>(procs.keySet());
            procs.clear();
            runnable.clear();
        }
        waiting.forEach(LockSupport::unpark);
    }

    /** Work to run (on the baton holder's thread) before each choice of what runs next. */
    void beforeEachChoice(Runnable work) {
        this.network = work;
    }

    /** Processes alive now. */
    synchronized int processes() {
        return procs.size();
    }

    private void queue(Proc proc) {
        proc.queued = true;
        runnable.add(proc);
    }

    /** The next process to run, firing timers while none is runnable; null hands back to the driver. */
    private Proc chooseNext() {
        while (true) {
            if (stopWhen.getAsBoolean() || free) {
                return null;
            }
            network.run();
            synchronized (this) {
                if (!runnable.isEmpty()) {
                    Proc next = runnable.remove((int) entropy.nextLong(runnable.size()));
                    next.queued = false;
                    trace.record("run p" + next.id);
                    return next;
                }
                if (clock.nextTimerAt() > timeLimit) {
                    return null;
                }
            }
            if (!clock.fireNext()) {
                return null;
            }
            trace.record("tick " + clock.nanoTime());
        }
    }

    private void switchAway(Proc me) {
        Proc next = chooseNext();
        if (next == me) {
            return;
        }
        handTo(next);
        waitTurn(me);
    }

    private void handTo(Proc next) {
        running = next;
        LockSupport.unpark(next == null ? driver : next.thread);
    }

    private void waitTurn(Proc me) {
        while (running != me && !free) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                me.interruptedWhileWaiting = true; // kept for when it runs: a kill interrupts
            }
        }
        if (me.interruptedWhileWaiting) {
            me.interruptedWhileWaiting = false;
            Thread.currentThread().interrupt();
        }
    }

    private void finish(Proc me) {
        synchronized (this) {
            procs.remove(me.thread);
            runnable.remove(me);
        }
        if (free) {
            return;
        }
        trace.record("exit p" + me.id);
        handTo(chooseNext());
    }

    private void parkForReal(Object blocker, long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE) {
            LockSupport.park(blocker);
        } else {
            long remaining = deadlineNanos - clock.nanoTime();
            if (remaining > 0) {
                LockSupport.parkNanos(blocker, remaining);
            }
        }
    }
}
