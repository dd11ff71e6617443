package io.jreign.testkit;

import io.jreign.cluster.ClusterNode;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.spi.Entropy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic world for cluster tests: nodes on virtual time, a seeded scheduler and a faulty
 * in-memory network. The same seed replays the same run, event for event.
 *
 * <pre>{@code
 * try (Simulation sim = Simulation.seeded(42)) {
 *     Node a = sim.node("a"), b = sim.node("b");
 *     Address counter = b.spawn(self -> ...);
 *     sim.run(() -> {
 *         Probe probe = sim.probe(a);
 *         counter.send(new Increment(probe.address()));
 *         probe.expectMessage(Count.class, Duration.ofSeconds(1));
 *         sim.network().partition("a", "b");
 *         probe.expectNoMessage(Duration.ofSeconds(5)); // five virtual seconds, no wall time
 *     });
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Simulated code runs inside {@link #run}: the body is a simulated process, and so is every
 *       process spawned on a simulated node. One runs at a time; the order is drawn from the seed.</li>
 *   <li>Time is virtual: it moves only when every process waits, straight to the next timer.</li>
 *   <li>Randomness is split per subsystem from the seed: {@code scheduling}, {@code network},
 *       {@code faults} (for your fault schedules) and {@code workload} (for your inputs), so a new
 *       draw in one never shifts another.</li>
 *   <li>Nodes are plain ({@link #node}: the simulated transport) or members of a TLS cluster
 *       ({@link #cluster}: the real cluster code over simulated connections). The two kinds do
 *       not reach each other.</li>
 *   <li>Only jreign's blocking points are simulated. Code that blocks elsewhere (sockets,
 *       {@code Thread.sleep}, locks held across a receive) is outside the deterministic world.</li>
 * </ul>
 */
public final class Simulation implements AutoCloseable {
    /** Virtual time a single {@link #run} may take before it is declared stuck. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(1);

    private final long seed;
    private final Entropy root;
    private final Entropy workload;
    private final Entropy faults;
    private final Trace trace = new Trace();
    private final VirtualClock clock = new VirtualClock();
    private final DeterministicScheduler scheduler;
    private final SimNetwork network;
    private final SimStreams streams;
    private final Map<String, ClusterNode> clusterNodes = new TreeMap<>();
    private final Map<String, SimSockets> sockets = new HashMap<>();
    private final List<ClusterNode> allClusterNodes = new ArrayList<>();
    private SimCluster cluster;
    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, Integer> runs = new HashMap<>();
    private final List<Node> allNodes = new ArrayList<>();
    private Duration timeLimit = DEFAULT_TIME_LIMIT;

    private Simulation(long seed) {
        this.seed = seed;
        this.root = Entropy.seeded(seed);
        this.scheduler = new DeterministicScheduler(clock, root.split("scheduling"), trace);
        this.network = new SimNetwork(clock, root.split("network"), trace);
        this.streams = new SimStreams(network, clock, trace);
        this.scheduler.beforeEachChoice(streams::pump);
        this.workload = root.split("workload");
        this.faults = root.split("faults");
    }

    /** A new simulation whose every random choice follows from {@code seed}. */
    public static Simulation seeded(long seed) {
        return new Simulation(seed);
    }

    public long seed() {
        return seed;
    }

    public VirtualClock clock() {
        return clock;
    }

    public SimNetwork network() {
        return network;
    }

    /** The stream for test inputs. */
    public Entropy workload() {
        return workload;
    }

    /** The stream for fault schedules. */
    public Entropy faults() {
        return faults;
    }

    /** Sets how much virtual time one {@link #run} may take. */
    public Simulation timeLimit(Duration limit) {
        this.timeLimit = limit;
        return this;
    }

    /**
     * Starts a node named {@code name} on the simulation's seams and network. Its incarnation
     * follows from the seed and how many times the name has run.
     *
     * @throws IllegalStateException if a node of that name is running
     */
    public synchronized Node node(String name) {
        if (nodes.containsKey(name)) {
            throw new IllegalStateException("node " + name + " is already running in this simulation");
        }
        int run = runs.merge(name, 1, Integer::sum);
        Node node = Node.builder(name)
                .clock(clock)
                .scheduler(scheduler)
                .entropy(root.split("node " + name + " run " + run))
                .start();
        node.addTransport(new SimTransport(network));
        nodes.put(name, node);
        allNodes.add(node);
        trace.record("node " + node.id());
        return node;
    }

    /**
     * Declares this simulation's TLS cluster and its members (once); start members with
     * {@link SimCluster#start}. See {@link SimCluster}.
     *
     * @throws IllegalStateException if a cluster is declared already
     */
    public synchronized SimCluster cluster(String... members) {
        if (cluster != null) {
            throw new IllegalStateException("this simulation has a cluster already: " + cluster.members());
        }
        cluster = new SimCluster(this, List.of(members));
        return cluster;
    }

    /** The cluster declared by {@link #cluster}. */
    public synchronized SimCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("no cluster declared in this simulation: call cluster(members...) first");
        }
        return cluster;
    }

    ClusterNode startClusterNode(SimCluster owner, String name) {
        int run;
        synchronized (this) {
            if (nodes.containsKey(name)) {
                throw new IllegalStateException("node " + name + " is already running in this simulation");
            }
            run = runs.merge(name, 1, Integer::sum);
        }
        SimSockets simulated = new SimSockets(streams, name, SimCluster.endpoint(name));
        ClusterNode member = owner.builder(name)
                .clock(clock)
                .scheduler(scheduler)
                .entropy(root.split("node " + name + " run " + run))
                .sockets(unused -> simulated)
                .start();
        synchronized (this) {
            nodes.put(name, member.node());
            allNodes.add(member.node());
            clusterNodes.put(name, member);
            allClusterNodes.add(member);
            sockets.put(name, simulated);
        }
        trace.record("cluster node " + member.id());
        return member;
    }

    /** The running cluster member named {@code name}. */
    synchronized ClusterNode clusterNodeNamed(String name) {
        ClusterNode member = clusterNodes.get(name);
        if (member == null) {
            throw new IllegalArgumentException("no cluster node " + name + " is running in this simulation");
        }
        return member;
    }

    /** The running node named {@code name}. */
    public synchronized Node nodeNamed(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name + " is running in this simulation");
        }
        return node;
    }

    /**
     * Kills node {@code name} as a crash would: its peers see it go down at once and get
     * {@code NO_CONNECTION} for every watch on it; its processes die without a word.
     */
    public void crash(String name) {
        Node node;
        ClusterNode member;
        SimSockets resetting;
        synchronized (this) {
            node = nodeNamed(name);
            nodes.remove(name);
            member = clusterNodes.remove(name);
            resetting = sockets.remove(name);
        }
        trace.record("crash " + name);
        if (member != null) {
            resetting.crash(); // its connections reset at once, and it says nothing more
            member.close();
            return;
        }
        for (var transport : node.transports()) {
            if (transport instanceof SimTransport simulated) {
                network.leave(simulated); // first, so nothing it says on the way down gets out
            }
        }
        node.close();
    }

    /** Starts {@code name} again after a crash, with a new incarnation (a cluster member as a member). */
    public Node restart(String name) {
        synchronized (this) {
            if (cluster != null && cluster.members().contains(name)) {
                return cluster.start(name).node();
            }
        }
        return node(name);
    }

    /** A probe on {@code node}: a mailbox with expectations bounded in virtual time. */
    public Probe probe(Node node) {
        return new Probe(node.newMailbox(), node);
    }

    /** Runs {@code body} as a simulated process until it returns; rethrows what it throws. */
    public void run(ThrowingRunnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs {@code body} as a simulated process until it returns, letting every other process and
     * timer run meanwhile, and returns its result.
     *
     * @throws AssertionError if every process waits with no timer pending before the body ends
     *                        (a deadlock), or the time limit passes; the message gives the seed
     */
    public <T> T call(Callable<T> body) {
        AtomicBoolean done = new AtomicBoolean();
        Object[] outcome = new Object[2];
        scheduler.start("simulation-main", () -> {
            try {
                outcome[0] = body.call();
            } catch (Throwable t) {
                outcome[1] = t;
            } finally {
                done.set(true);
            }
        });
        long limit = clock.nanoTime() + timeLimit.toNanos();
        scheduler.runUntil(done::get, limit);
        if (!done.get()) {
            throw new AssertionError("simulation (seed " + seed + ") stopped at virtual time " + clock.elapsed()
                    + (clock.nextTimerAt() > limit && clock.hasTimers() ? ": the time limit of " + timeLimit + " passed"
                            : ": every process waits and no timer is pending (deadlock)")
                    + "\nlast events:\n  " + String.join("\n  ", trace.recent().subList(Math.max(0, trace.recent().size() - 20), trace.recent().size())));
        }
        if (outcome[1] instanceof Error error) {
            throw error;
        }
        if (outcome[1] instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (outcome[1] != null) {
            throw new IllegalStateException((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }

    /** Lets the simulation run for {@code duration} of virtual time. */
    public void runFor(Duration duration) {
        long until = clock.nanoTime() + duration.toNanos();
        run(() -> {
            try (Mailbox idle = anyNode().newMailbox()) {
                idle.receive(message -> false, Duration.ofNanos(until - clock.nanoTime()));
            }
        });
    }

    /** The hash of every event so far: equal for two runs of the same seed and scenario. */
    public long traceHash() {
        return trace.hash();
    }

    /** How many events the trace holds. */
    public long traceEvents() {
        return trace.events();
    }

    /** The most recent events, oldest first (for failure reports). */
    public List<String> recentEvents() {
        return trace.recent();
    }

    /** Shuts every node down and lets their processes end. */
    @Override
    public void close() {
        List<SimSockets> running;
        synchronized (this) {
            running = new ArrayList<>(sockets.values());
        }
        running.forEach(SimSockets::crash); // while no process runs: no goodbyes, no waiting on them
        scheduler.release();
        List<Node> toClose;
        List<ClusterNode> members;
        synchronized (this) {
            toClose = new ArrayList<>(allNodes);
            members = new ArrayList<>(allClusterNodes);
            nodes.clear();
            clusterNodes.clear();
            sockets.clear();
        }
        members.forEach(ClusterNode::close);
        toClose.forEach(Node::close);
    }

    private synchronized Node anyNode() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("runFor needs a running node");
        }
        return nodes.values().iterator().next();
    }

    /** A body that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
