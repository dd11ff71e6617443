package io.jreign.cluster;

import io.jreign.cluster.internal.SpecReader;
import io.jreign.mailbox.Names;
import io.jreign.mailbox.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a cluster is: its name, the CA every member trusts, its members and where they listen, the
 * serializer and its registrations, and the timeouts and limits of the transport. Every node of a
 * cluster starts from the same spec file; {@link ClusterNode#start(ClusterSpec, String)} picks the
 * member it runs as by name.
 *
 * <h2>The file (JSON)</h2>
 * <pre>{@code
 * {
 *   "cluster": "chat",
 *   "ca": "ca.pem",                         // PEM certificate of the cluster CA: the only trust anchor
 *   "certificate": "nodes/{node}.pem",      // per-node PEM certificate chain; {node} is the node's name
 *   "key": "nodes/{node}.key",              // per-node unencrypted PKCS#8 PEM key
 *   "serializer": "kryo",                   // optional, default "kryo" (the only built-in one)
 *   "register": ["com.example.Ping"],       // optional: message classes, same list on every node
 *   "timeouts": {                           // optional, each field optional; "250ms", "5s", "2m" or ISO-8601
 *     "heartbeatInterval": "1s", "heartbeatTimeout": "5s", "connectTimeout": "5s",
 *     "undeliverableWait": "10s", "sendTimeout": "10s", "reconnectMin": "100ms", "reconnectMax": "5s"
 *   },
 *   "limits": {                             // optional, each field optional; bytes, or KiB/MiB/GiB
 *     "maxFrameSize": "8MiB", "outboundQueue": "16MiB",
 *     "maxNamesPerNode": 1048576            // name claims kept from any one other node
 *   },
 *   "nodes": [
 *     {"name": "a", "advertise": "10.0.0.1:7400", "listen": "0.0.0.0:7400"},
 *     {"name": "b", "advertise": "10.0.0.2:7400"},          // listen defaults to 0.0.0.0:<advertised port>
 *     {"name": "c", "advertise": "host-c:7400", "certificate": "c.pem", "key": "c.key"}  // per-node override
 *   ]
 * }
 * }</pre>
 * Relative paths are resolved against the directory of the spec file. Unknown fields are errors,
 * so a typo is not silently ignored.
 *
 * <h2>Validation</h2>
 * {@link #load} checks everything it can without the other machines: required fields, node names
 * (as {@link io.jreign.mailbox.NodeId}), unique names and advertised addresses, {@code host:port}
 * syntax and port range, positive durations, {@code heartbeatTimeout > heartbeatInterval},
 * {@code reconnectMin <= reconnectMax}, {@code outboundQueue >= maxFrameSize}, that the CA file
 * exists, and that the certificate and key paths contain {@code {node}} when shared by several
 * nodes. A node's own certificate and key are checked when that node starts. Errors are
 * {@link ClusterSpecException}s naming the field, e.g. {@code nodes[1].listen: port 70000 out of range}.
 *
 * @param cluster       the cluster's name; a peer presenting another one is refused
 * @param ca            the cluster CA certificate (PEM), the only certificate trusted
 * @param serializer    the serializer's name; {@code "kryo"}
 * @param registrations class names registered with the serializer, in this order, on every node
 * @param timeouts      the transport's timeouts
 * @param limits        the transport's size limits
 * @param nodes         the members, in the file's order; names are unique
 */
public record ClusterSpec(
        String cluster,
        Path ca,
        String serializer,
        List<String> registrations,
        Timeouts timeouts,
        Limits limits,
        List<Member> nodes) {

    public ClusterSpec {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(limits, "limits");
        registrations = List.copyOf(registrations);
        nodes = List.copyOf(nodes);
    }

    /**
     * Reads and validates a spec file.
     *
     * @throws ClusterSpecException naming the field that is missing or wrong, or the file that
     *                              cannot be read
     */
    public static ClusterSpec load(Path file) {
        return SpecReader.load(file);
    }

    /**
     * Parses and validates spec JSON held in memory; relative paths resolve against {@code baseDir}.
     *
     * @throws ClusterSpecException naming the field that is missing or wrong
     */
    public static ClusterSpec parse(String json, Path baseDir) {
        return SpecReader.parse(json, baseDir);
    }

    /**
     * The member named {@code name}.
     *
     * @throws IllegalArgumentException if there is none, naming the members there are
     */
    public Member member(String name) {
        for (Member member : nodes) {
            if (member.name().equals(name)) {
                return member;
            }
        }
        throw new IllegalArgumentException("no node named \"" + name + "\" in cluster " + cluster + "; its nodes are "
                + nodes.stream().map(Member::name).toList());
    }

    /** Whether a node of that name is a member. */
    public boolean isMember(String name) {
        return nodes.stream().anyMatch(member -> member.name().equals(name));
    }

    /**
     * This spec with {@code member} added last, checked as {@link #load} checks a member: a valid
     * node name, not taken, and an advertised address that is dialable and not taken. Used for
     * {@link ClusterNode#addMember}.
     *
     * @throws ClusterSpecException naming the field at fault, as {@code nodes[3].name}
     */
    public ClusterSpec withMember(Member member) {
        Objects.requireNonNull(member, "member");
        String at = "nodes[" + nodes.size() + "]";
        try {
            new NodeId(member.name(), 1);
        } catch (IllegalArgumentException e) {
            throw new ClusterSpecException(at + ".name", e.getMessage());
        }
        if (member.advertise().port() == 0) {
            throw new ClusterSpecException(at + ".advertise", "port 0 cannot be dialled; give the real port");
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(member.name())) {
                throw new ClusterSpecException(at + ".name", '"' + member.name() + "\" is also the name of nodes[" + i + ']');
            }
            if (nodes.get(i).advertise().equals(member.advertise())) {
                throw new ClusterSpecException(at + ".advertise", member.advertise() + " is also advertised by nodes[" + i + ']');
            }
        }
        List<Member> more = new ArrayList<>(nodes);
        more.add(member);
        return new ClusterSpec(cluster, ca, serializer, registrations, timeouts, limits, more);
    }

    /**
     * This spec without member {@code name}. Used for {@link ClusterNode#removeMember}.
     *
     * @throws IllegalArgumentException if there is no such member, or it is the only one
     */
    public ClusterSpec withoutMember(String name) {
        Member gone = member(name);
        if (nodes.size() == 1) {
            throw new ClusterSpecException("nodes", "cannot remove " + name + ", the only node");
        }
        List<Member> fewer = new ArrayList<>(nodes);
        fewer.remove(gone);
        return new ClusterSpec(cluster, ca, serializer, registrations, timeouts, limits, fewer);
    }

    /**
     * One member of the cluster.
     *
     * @param name        the node's name (its {@link io.jreign.mailbox.NodeId#name()} and certificate identity)
     * @param advertise   where the other nodes dial it
     * @param listen      where it accepts connections
     * @param certificate its certificate chain (PEM), with the {@code {node}} placeholder resolved
     * @param key         its private key (unencrypted PKCS#8 PEM), resolved likewise
     */
    public record Member(String name, Endpoint advertise, Endpoint listen, Path certificate, Path key) {
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(advertise, "advertise");
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A {@code host:port}; IPv6 literals are written in brackets ({@code [::1]:7400}).
     *
     * @param host a host name or IP literal (without brackets)
     * @param port 0 to 65535; 0 in a listen address means any free port
     */
    public record Endpoint(String host, int port) {
        public Endpoint {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " out of range 0..65535");
            }
        }

        /**
         * Parses {@code host:port}.
         *
         * @throws IllegalArgumentException saying what is wrong
         */
        public static Endpoint parse(String text) {
            return SpecReader.endpoint(text);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? '[' + host + ']' : host) + ':' + port;
        }
    }

    /**
     * The transport's timeouts, all measured on the node's {@link io.jreign.mailbox.spi.Clock}.
     *
     * @param heartbeatInterval how often a connected node sends a heartbeat
     * @param heartbeatTimeout  a peer from which nothing arrived for this long is declared down
     *                          ({@link io.jreign.mailbox.Reason#NO_CONNECTION}) and its connection closed
     * @param connectTimeout    the longest a dial may take from its start (name resolution and TCP
     *                          connect included), or an accepted connection from its accept, through
     *                          TLS to the end of the hello exchange
     * @param undeliverableWait how long a message to an unreachable peer waits in the peer's queue
     *                          for a connection before it is dropped and counted (counted from the
     *                          send, or from the connection's loss for one sent while connected)
     * @param sendTimeout       how long a sender waits for room in a full peer queue before its
     *                          message is dropped and counted (and a connected peer is disconnected)
     * @param reconnectMin      the first reconnect delay; it doubles per failure, with jitter
     * @param reconnectMax      the largest reconnect delay
     */
    public record Timeouts(
            Duration heartbeatInterval,
            Duration heartbeatTimeout,
            Duration connectTimeout,
            Duration undeliverableWait,
            Duration sendTimeout,
            Duration reconnectMin,
            Duration reconnectMax) {

        /** The defaults, field by field as in the class comment's example. */
        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofSeconds(5));
    }

    /**
     * The transport's size limits.
     *
     * @param maxFrameSize       the largest frame accepted or sent, in bytes (type byte and body; the
     *                           4-byte length prefix not counted). A message whose encoding does not fit
     *                           fails at send; a peer announcing a larger frame is disconnected.
     * @param outboundQueueBytes the bound on encoded bytes waiting per peer; at least {@code maxFrameSize}
     * @param maxNamesPerNode    the most name claims kept from any one other node (further ones are
     *                           ignored and logged); 1 to {@link Names#MAX_CLAIMS_PER_REMOTE_NODE}
     */
    public record Limits(int maxFrameSize, long outboundQueueBytes, int maxNamesPerNode) {
        /** 8 MiB frames, 16 MiB queued per peer, as many names per node as the registry keeps. */
        public static final Limits DEFAULTS = new Limits(8 << 20, 16L << 20, Names.MAX_CLAIMS_PER_REMOTE_NODE);

        /** Limits with the default {@code maxNamesPerNode}. */
        public Limits(int maxFrameSize, long outboundQueueBytes) {
            this(maxFrameSize, outboundQueueBytes, Names.MAX_CLAIMS_PER_REMOTE_NODE);
        }
    }
}
