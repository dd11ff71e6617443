package io.jreign.otp.dist;

import io.jreign.mailbox.spi.Scheduler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the socket readers of one node's distribution connections: a platform thread each for
 * the first {@code platformLimit} connections open at a time, a virtual thread (through the node's
 * {@link Scheduler}) for any beyond.
 *
 * <p>Why platform threads: a virtual thread blocked on a socket read is woken by the JDK's poller
 * thread, which then schedules it on a carrier, one extra thread hop for every read; a platform
 * thread blocked in the read is woken by the kernel directly. That hop is a large part of a DIST
 * round trip on loopback. A reader only reads, decodes and delivers (nothing it does is timed),
 * so it needs none of the scheduler's seams. The limit keeps platform threads bounded whatever
 * number of authenticated peers connect; an Erlang cluster has a handful of connections per node.
 */
final class ReaderThreads {
    /** Platform readers a node keeps at most; later connections read on virtual threads. */
    static final int DEFAULT_PLATFORM_LIMIT = 64;

    private final Scheduler scheduler;
    private final int platformLimit;
    private final AtomicInteger platformReaders = new AtomicInteger();

    ReaderThreads(Scheduler scheduler, int platformLimit) {
        this.scheduler = scheduler;
        this.platformLimit = platformLimit;
    }

    /** Starts {@code body} as a reader named {@code name}: on a platform thread while under the limit. */
    Thread start(String name, Runnable body) {
        if (platformReaders.incrementAndGet() <= platformLimit) {
            return Thread.ofPlatform().daemon().name(name).start(() -> {
                try {
                    body.run();
                } finally {
                    platformReaders.decrementAndGet();
                }
            });
        }
        platformReaders.decrementAndGet();
        return scheduler.start(name, body);
    }

    /** How many platform readers run now. */
    int platformReaders() {
        return platformReaders.get();
    }
}
