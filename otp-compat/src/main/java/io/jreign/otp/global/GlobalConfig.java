package io.jreign.otp.global;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Java {@code global} behaves.
 *
 * @param hidden        a hidden node takes no part (as erl's global on a hidden node)
 * @param callTimeout   how long a call to another node's name server (a lock, a conflict's resolve
 *                      method) may take before that node counts as a bad node (default 30 s; erl
 *                      waits forever)
 * @param maxNames      the most global names kept (default 100,000); registrations beyond are
 *                      refused and logged
 * @param maxLocks      the most locked resources (default 10,000); more are refused
 * @param maxKnownNodes the most nodes known (default 10,000); nodes beyond are ignored and logged
 */
public record GlobalConfig(boolean hidden, Duration callTimeout, int maxNames, int maxLocks, int maxKnownNodes) {

    /** @throws IllegalArgumentException if a limit is not positive */
    public GlobalConfig {
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero() || maxNames < 1 || maxLocks < 1 || maxKnownNodes < 1) {
            throw new IllegalArgumentException("limits must be positive in " + this);
        }
    }

    /** The defaults above, for a visible node or a hidden one. */
    public static GlobalConfig defaults(boolean hidden) {
        return new GlobalConfig(hidden, Duration.ofSeconds(30), 100_000, 10_000, 10_000);
    }
}
