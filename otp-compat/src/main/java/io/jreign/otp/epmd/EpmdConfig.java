package io.jreign.otp.epmd;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where EPMD is and how much the embedded server accepts.
 *
 * <p>{@link #defaults()} honours {@code ERL_EPMD_PORT} as erl does (default {@value #DEFAULT_PORT})
 * and uses the loopback address: clients connect there, and an embedded server binds there. To
 * answer {@code PORT_PLEASE2} from other hosts, bind the server to a wider address with
 * {@link #withAddress}; registrations ({@code ALIVE2}) are accepted only from loopback peers
 * either way, as the real {@code epmd} does.
 *
 * @param address          the address clients connect to and the server binds to
 * @param port             the TCP port, 0..65535 (0: a server picks a free one)
 * @param timeout          how long a client waits to connect or for a reply, and how long the
 *                         server waits for a whole request on a connection
 * @param maxRegistrations how many nodes the server registers at once
 * @param maxRequestSize   the largest request the server reads, in bytes (requests declare their
 *                         length in 16 bits)
 * @param maxConnections   how many connections the server keeps at once (registered nodes hold one
 *                         each)
 */
public record EpmdConfig(InetAddress address, int port, Duration timeout, int maxRegistrations,
                         int maxRequestSize, int maxConnections) {
    /** EPMD's well-known port. */
    public static final int DEFAULT_PORT = 4369;
    /** The environment variable erl reads EPMD's port from. */
    public static final String PORT_VARIABLE = "ERL_EPMD_PORT";

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public EpmdConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive and below 24 days, was " + timeout);
        }
        if (maxRegistrations < 1) {
            throw new IllegalArgumentException("maxRegistrations must be positive, was " + maxRegistrations);
        }
        if (maxRequestSize < 16 || maxRequestSize > 65535) {
            throw new IllegalArgumentException("maxRequestSize must be 16..65535, was " + maxRequestSize);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
        }
    }

    /** The defaults, reading {@code ERL_EPMD_PORT} from this process's environment. */
    public static EpmdConfig defaults() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The defaults, with the port from {@code ERL_EPMD_PORT} in {@code environment} when set:
     * loopback, a 5 s timeout, 1024 registrations, 1024-byte requests, 2048 connections.
     *
     * @throws IllegalArgumentException if {@code ERL_EPMD_PORT} is set but not a port number
     */
    public static EpmdConfig fromEnvironment(Map<String, String> environment) {
        int port = DEFAULT_PORT;
        String value = environment.get(PORT_VARIABLE);
        if (value != null && !value.isBlank()) {
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PORT_VARIABLE + " is not a port number: " + value, e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(PORT_VARIABLE + " must be 1..65535, was " + value);
            }
        }
        return new EpmdConfig(InetAddress.getLoopbackAddress(), port, Duration.ofSeconds(5), 1024, 1024, 2048);
    }

    /** This config with another port. */
    public EpmdConfig withPort(int port) {
        return new EpmdConfig(address, port, timeout, maxRegistrations, maxRequestSize, maxConnections);
    }

    /** This config with another address. */
    public EpmdConfig withAddress(InetAddress address) {
        return new EpmdConfig(address, port, timeout, maxRegistrations, maxRequestSize, maxConnections);
    }

    /** This config with another timeout. */
    public EpmdConfig withTimeout(Duration timeout) {
        return new EpmdConfig(address, port, timeout, maxRegistrations, maxRequestSize, maxConnections);
    }

    /** This config with another registration limit. */
    public EpmdConfig withMaxRegistrations(int maxRegistrations) {
        return new EpmdConfig(address, port, timeout, maxRegistrations, maxRequestSize, maxConnections);
    }

    /** This config with another request size limit. */
    public EpmdConfig withMaxRequestSize(int maxRequestSize) {
        return new EpmdConfig(address, port, timeout, maxRegistrations, maxRequestSize, maxConnections);
    }

    /** This config with another connection limit. */
    public EpmdConfig withMaxConnections(int maxConnections) {
        return new EpmdConfig(address, port, timeout, maxRegistrations, maxRequestSize, maxConnections);
    }
}
