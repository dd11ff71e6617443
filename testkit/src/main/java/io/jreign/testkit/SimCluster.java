package io.jreign.testkit;

import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The TLS cluster of a {@link Simulation}: its members run the real cluster code (handshake with
 * identity checks, frames, heartbeats, reconnect backoff, bounded queues with back-pressure, names
 * sync) over the simulated network, on virtual time and the seeded scheduler.
 *
 * <pre>{@code
 * SimCluster cluster = sim.cluster("a", "b", "c").register(Ping.class);
 * ClusterNode a = cluster.start("a"), b = cluster.start("b");
 * sim.run(() -> { ... a.node() ... });   // as with sim.node(...)
 * sim.crash("b");                         // its connections reset; a sees it go down
 * cluster.start("b");                     // a new incarnation (or sim.restart("b"))
 * }</pre>
 *
 * Set the options before the first {@link #start}; the spec is fixed from then on. Certificates
 * come from certtool's library, made once per JVM. Each member listens at {@code NAME.sim:7400}.
 */
public final class SimCluster {
    /** The port every simulated member listens on (each has its own host name). */
    public static final int PORT = 7400;

    private final Simulation sim;
    private final List<String> members;
    private final List<Class<?>> registrations = new ArrayList<>();
    private ClusterSpec.Timeouts timeouts = ClusterSpec.Timeouts.DEFAULTS;
    private ClusterSpec.Limits limits = ClusterSpec.Limits.DEFAULTS;
    private boolean openSsl;
    private ClusterSpec spec;

    SimCluster(Simulation sim, List<String> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("a simulated cluster needs two members or more: " + members);
        }
        this.sim = sim;
        this.members = List.copyOf(members);
    }

    /** Message classes every member registers with Kryo, in this order. */
    public SimCluster register(Class<?>... types) {
        checkNotStarted();
        registrations.addAll(List.of(types));
        return this;
    }

    /** The members' timeouts; default {@link ClusterSpec.Timeouts#DEFAULTS}. */
    public SimCluster timeouts(ClusterSpec.Timeouts timeouts) {
        checkNotStarted();
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        return this;
    }

    /** The members' size limits; default {@link ClusterSpec.Limits#DEFAULTS}. */
    public SimCluster limits(ClusterSpec.Limits limits) {
        checkNotStarted();
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** TLS by OpenSSL (BoringSSL) instead of the JDK's (the default, which loads everywhere). */
    public SimCluster openSsl(boolean openSsl) {
        checkNotStarted();
        this.openSsl = openSsl;
        return this;
    }

    public List<String> members() {
        return members;
    }

    /** The spec every member runs (made on first use). */
    public synchronized ClusterSpec spec() {
        if (spec == null) {
            ClusterPki.Issued pki = ClusterPki.forNodes(members);
            List<ClusterSpec.Member> nodes = new ArrayList<>();
            for (String name : members) {
                ClusterSpec.Endpoint at = endpoint(name);
                nodes.add(new ClusterSpec.Member(name, at, at, pki.certificates().get(name), pki.keys().get(name)));
            }
            spec = new ClusterSpec("simulation", pki.ca(), "kryo", List.of(), timeouts, limits, nodes);
        }
        return spec;
    }

    /**
     * Starts member {@code name} (again, after a crash: a new incarnation). It listens and dials the
     * others at once; {@link io.jreign.mailbox.NodeEvent.Up} tells when a peer is connected.
     *
     * @throws IllegalStateException if it is running
     */
    public ClusterNode start(String name) {
        spec().member(name); // fails naming the members, for a name that is not one
        return sim.startClusterNode(this, name);
    }

    /** The running member {@code name}. */
    public ClusterNode node(String name) {
        return sim.clusterNodeNamed(name);
    }

    ClusterNode.Builder builder(String name) {
        return ClusterNode.builder(spec(), name)
                .register(registrations.toArray(Class<?>[]::new))
                .openSsl(openSsl);
    }

    static ClusterSpec.Endpoint endpoint(String name) {
        return new ClusterSpec.Endpoint(name + ".sim", PORT);
    }

    private synchronized void checkNotStarted() {
        if (spec != null) {
            throw new IllegalStateException("set the cluster's options before starting a member");
        }
    }
}
