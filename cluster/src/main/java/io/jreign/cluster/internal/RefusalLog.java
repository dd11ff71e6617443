package io.jreign.cluster.internal;

import io.jreign.mailbox.spi.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs refused connections as warnings, at most {@link #BURST} per {@link #WINDOW_SECONDS}-second
 * window (on the clock seam), so that a flood of bad connections cannot flood the log; the number
 * suppressed is logged with the next warning that gets through.
 */
final class RefusalLog {
    static final int BURST = 20;
    static final long WINDOW_SECONDS = 10;

    private final Logger log;
    private final Clock clock;
    private long windowStart = Long.MIN_VALUE;
    private int inWindow;
    private long suppressed;

    RefusalLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    synchronized void warn(String format, Object... arguments) {
        long now = clock.nanoTime();
        if (windowStart == Long.MIN_VALUE || now - windowStart >= TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= BURST) {
            suppressed++;
            log.debug(format, arguments);
            return;
        }
        inWindow++;
        if (suppressed > 0) {
            log.warn("({} more refused connections were not logged)", suppressed);
            suppressed = 0;
        }
        log.warn(format, arguments);
    }
}
