package io.jreign.bench.remote;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JMH's benchmark threads as hosted virtual threads ({@link Scheduler#hostedVirtualThreads}), so a
 * benchmark method runs as a process of a node with hosted processes does: with
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.jreign.bench.remote.HostedBenchmarkThreads}
 * (and {@link RemoteJvm#OPEN_LANG}). JMH builds it with its thread count and name prefix.
 */
public final class HostedBenchmarkThreads extends AbstractExecutorService {
    private final Scheduler scheduler = Scheduler.hostedVirtualThreads(Clock.system());
    private final String prefix;
    private final AtomicInteger started = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private int running;
    private boolean shutdown;

    public HostedBenchmarkThreads(int maxThreads, String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            running++;
        } finally {
            lock.unlock();
        }
        threads.add(scheduler.start(prefix + "-" + started.incrementAndGet(), () -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
                lock.lock();
                try {
                    running--;
                    ended.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }));
        threads.removeIf(thread -> !thread.isAlive()); // one that ended before it was added
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        threads.forEach(Thread::interrupt);
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return shutdown && running == 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!(shutdown && running == 0)) {
                if (left <= 0) {
                    return false;
                }
                left = ended.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
