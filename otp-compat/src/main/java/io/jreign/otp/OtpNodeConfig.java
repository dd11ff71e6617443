package io.jreign.otp;

import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.dist.DistConfig;
import io.jreign.otp.epmd.EpmdConfig;
import java.util.Objects;

/**
 * How to start an {@link OtpNode}.
 *
 * @param name   the full node name, {@code alive@host} (e.g. {@code java1@localhost}); peers reach
 *               it through the EPMD on {@code host}
 * @param cookie the shared secret (Erlang's {@code -setcookie})
 * @param epmd   where EPMD listens (default: {@code ERL_EPMD_PORT} or 4369 on localhost); the same
 *               port is asked on every peer's host
 * @param hidden whether the node is hidden (not published to peers' {@code nodes()})
 * @param port   the distribution listener's port, 0 for any free one
 * @param dist   connection limits and tick time
 * @param hostedProcesses whether a process woken by a message from a DIST connection runs its next
 *               slice on that connection's reader thread ({@link Scheduler#hostedVirtualThreads}:
 *               one thread wake-up less per message; needs the JVM flag
 *               {@code --add-opens java.base/java.lang=ALL-UNNAMED})
 */
public record OtpNodeConfig(String name, String cookie, EpmdConfig epmd, boolean hidden, int port, DistConfig dist,
        boolean hostedProcesses) {

    /**
     * @throws IllegalArgumentException if the name is not {@code alive@host} or the cookie is empty
     */
    public OtpNodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(epmd, "epmd");
        Objects.requireNonNull(dist, "dist");
        int at = name.indexOf('@');
        if (at <= 0 || at == name.length() - 1 || name.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("node name must be alive@host, was " + name);
        }
        new NodeId(name, 1); // validates the characters
        if (cookie.isEmpty()) {
            throw new IllegalArgumentException("cookie must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /** A visible node named {@code name} with {@code cookie}, default EPMD, any port, default limits. */
    public static OtpNodeConfig of(String name, String cookie) {
        return new OtpNodeConfig(name, cookie, EpmdConfig.defaults(), false, 0, DistConfig.defaults(), false);
    }

    /** A copy using the EPMD on {@code port}. */
    public OtpNodeConfig withEpmdPort(int port) {
        return new OtpNodeConfig(name, cookie, epmd.withPort(port), hidden, this.port, dist, hostedProcesses);
    }

    /** A copy that is hidden or not. */
    public OtpNodeConfig withHidden(boolean hidden) {
        return new OtpNodeConfig(name, cookie, epmd, hidden, port, dist, hostedProcesses);
    }

    /** A copy with other connection settings. */
    public OtpNodeConfig withDist(DistConfig dist) {
        return new OtpNodeConfig(name, cookie, epmd, hidden, port, dist, hostedProcesses);
    }

    /**
     * A copy whose processes run on the DIST reader that woke them, or not (the default).
     *
     * @see Scheduler#hostedVirtualThreads
     */
    public OtpNodeConfig withHostedProcesses(boolean hostedProcesses) {
        return new OtpNodeConfig(name, cookie, epmd, hidden, port, dist, hostedProcesses);
    }

    /** The part before {@code @}, as registered with EPMD. */
    public String alive() {
        return name.substring(0, name.indexOf('@'));
    }

    @Override
    public String toString() {
        return "OtpNodeConfig[" + name + ", epmd port " + epmd.port() + (hidden ? ", hidden" : "")
                + (hostedProcesses ? ", hosted processes" : "") + "]"; // no cookie
    }
}
