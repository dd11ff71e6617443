package io.jreign.otp;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.epmd.EpmdClient;
import io.jreign.otp.epmd.EpmdRegistration;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.epmd.NodeInfo;
import io.jreign.otp.epmd.NodeType;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.EtfCodec;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.CallException;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.global.Global;
import io.jreign.otp.global.GlobalConfig;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcBody;
import io.jreign.otp.process.ProcessTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

/**
 * A jreign node that is also an Erlang distribution node: Erlang nodes see it as
 * {@code alive@host}, ping it, send to its pids and registered names, link to and monitor its
 * processes, and call its gen_servers — and it does the same to them.
 *
 * <pre>{@code
 * try (OtpNode otp = OtpNode.start(OtpNodeConfig.of("java1@localhost", "secret"))) {
 *     otp.spawn("echo", self -> { while (true) if (self.receive() instanceof Tuple t) ... });
 *     boolean pong = otp.ping("erl1@localhost", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Starting opens the distribution listener, starts an embedded EPMD if none answers on the
 * configured port (it lives as long as this node), registers with EPMD (which assigns the creation, the
 * jreign node's incarnation), starts the jreign {@link Node} with a {@link DistTransport}, the
 * {@link ProcessTable}, {@code net_kernel} and {@code global_name_server} ({@link Global}). Closing undoes it all: every process ends with
 * {@code shutdown}, connections close, the EPMD registration ends.
 */
public final class OtpNode implements AutoCloseable {
    private final OtpNodeConfig config;
    private final ServerSocket listener;
    private final EpmdRegistration registration;
    private final Node node;
    private final DistTransport dist;
    private final ProcessTable processes;
    private final Optional<EpmdServer> embeddedEpmd;
    private final Global global;

    private OtpNode(OtpNodeConfig config, ServerSocket listener, EpmdRegistration registration, Node node,
                    DistTransport dist, ProcessTable processes, Optional<EpmdServer> embeddedEpmd, Global global) {
        this.embeddedEpmd = embeddedEpmd;
        this.global = global;
        this.config = config;
        this.listener = listener;
        this.registration = registration;
        this.node = node;
        this.dist = dist;
        this.processes = processes;
    }

    /**
     * Starts a node.
     *
     * @throws IOException if the listener cannot open or EPMD refuses or cannot be reached
     */
    public static OtpNode start(OtpNodeConfig config) throws IOException {
        ServerSocket listener = new ServerSocket(config.port());
        EpmdRegistration registration = null;
        Node node = null;
        Optional<EpmdServer> embeddedEpmd = Optional.empty();
        try {
            embeddedEpmd = EpmdServer.startIfAbsent(config.epmd());
            NodeInfo info = new NodeInfo(config.alive(), listener.getLocalPort(),
                    config.hidden() ? NodeType.HIDDEN : NodeType.NORMAL, 0, NodeInfo.DIST_VERSION_HIGH,
                    NodeInfo.DIST_VERSION_LOW, new byte[0]);
            registration = new EpmdClient(config.epmd()).register(info);
            Node.Builder builder = Node.builder(config.name()).incarnation(registration.creation());
            if (config.hostedProcesses()) {
                builder.scheduler(Scheduler.hostedVirtualThreads(Clock.system()));
            }
            node = builder.start();
            DistTransport dist = new DistTransport(config.cookie(), config.hidden(), config.dist(), config.epmd(),
                    listener, codec());
            node.addTransport(dist);
            ProcessTable processes = new ProcessTable(node, dist);
            dist.signalHandler(processes.signals());
            dist.defaultSender(processes.hubAddress());
            GenServer.start(processes, NetKernel.NAME, new NetKernel(), null, Duration.ofSeconds(10));
            Global global = Global.start(processes, GlobalConfig.defaults(config.hidden()));
            return new OtpNode(config, listener, registration, node, dist, processes, embeddedEpmd, global);
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.close();
            }
            if (registration != null) {
                registration.close();
            }
            embeddedEpmd.ifPresent(EpmdServer::close);
            listener.close();
            throw e;
        }
    }

    /** The codec every connection starts from: {@link Down} and {@link Exit} travel as Erlang's tuples. */
    static EtfCodec codec() {
        return EtfCodec.builder().record(Down.class, Atom.of("DOWN")).record(Exit.class, Atom.of("EXIT")).build();
    }

    /** The node's full name, {@code alive@host}. */
    public String name() {
        return config.name();
    }

    /** The jreign node: mailboxes, names, plain spawn. */
    public Node node() {
        return node;
    }

    /** The distribution transport: connections, REG_SEND, aliases. */
    public DistTransport dist() {
        return dist;
    }

    /** Links, monitors and exit signals of this node's processes. */
    public ProcessTable processes() {
        return processes;
    }

    /** This node's part in Erlang's {@code global} name registry. */
    public Global global() {
        return global;
    }

    /** The port the distribution listener is on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The creation EPMD assigned (the jreign node's incarnation). */
    public long creation() {
        return registration.creation();
    }

    /** Spawns an Erlang-style process. */
    public Address spawn(ProcBody body) {
        return processes.spawn(null, body);
    }

    /** Spawns an Erlang-style process registered as {@code name}. */
    public Address spawn(String name, ProcBody body) {
        return processes.spawn(name, body);
    }

    /** A process over a new mailbox for the calling code; close it when done. */
    public Proc newProc() {
        return processes.newProc();
    }

    /** {@code {name, node} ! message} from the node itself. */
    public void send(String name, String node, Object message) {
        dist.send(null, name, node, message);
    }

    /**
     * {@code net_adm:ping(Node)}: connects and asks {@code net_kernel} there {@code {is_auth, Self}}.
     *
     * @return true for {@code pong}
     */
    public boolean ping(String peer, Duration timeout) {
        try (Proc caller = newProc()) {
            Object answer = GenServer.call(caller, Tuple.of(Atom.of(NetKernel.NAME), Atom.of(peer)),
                    Tuple.of(Atom.of("is_auth"), Atom.of(config.name())), timeout);
            return Atom.of("yes").equals(answer);
        } catch (CallException e) {
            return false;
        }
    }

    /**
     * Shuts down as a halting erl node does for its peers: the connections close first, so every
     * link and monitor across them fires with {@code noconnection} on both sides; then the
     * processes end with {@code shutdown}, and EPMD forgets the node. (Ending the processes first
     * raced their exit signals against the close: a peer saw {@code shutdown} or
     * {@code noconnection} depending on whether a signal had left yet.)
     */
    @Override
    public void close() {
        dist.close();
        node.close();
        registration.close();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        embeddedEpmd.ifPresent(EpmdServer::close);
    }

    @Override
    public String toString() {
        return "OtpNode[" + config.name() + ", creation " + registration.creation() + "]";
    }
}
