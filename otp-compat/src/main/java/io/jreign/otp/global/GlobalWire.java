package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.dist.ControlMessage;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.CallException;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one process of global (the name server or the locker) talks to {@code global_name_server}
 * on other nodes: casts and plain messages that never open a connection (they go to connected
 * nodes, as erl's {@code gns_volatile_send} does), and {@code gen_server:multi_call/3}.
 */
final class GlobalWire {
    private static final Atom GEN_CAST = Atom.of("$gen_cast");
    private static final Atom SERVER = Atom.of(GlobalTerms.SERVER);

    private final Proc self;
    private final DistTransport dist;
    private final Duration callTimeout;

    GlobalWire(Proc self, DistTransport dist, Duration callTimeout) {
        this.self = self;
        this.dist = dist;
        this.callTimeout = callTimeout;
    }

    Proc self() {
        return self;
    }

    String selfNode() {
        return dist.self().name();
    }

    /** {@code gen_server:cast({global_name_server, Node}, Message)}. */
    void cast(String node, Object message) {
        send(node, Tuple.of(GEN_CAST, message));
    }

    /** {@code {global_name_server, Node} ! Message}, dropped if {@code node} is not connected. */
    void send(String node, Object message) {
        if (node.equals(selfNode())) {
            self.send(GlobalTerms.SERVER, node, message);
        } else {
            dist.control(node, new ControlMessage.RegSend(self.self(), SERVER), message, false);
        }
    }

    /** {@code Pid ! Message}. */
    void send(Address pid, Object message) {
        self.send(pid, message);
    }

    /**
     * {@code gen_server:multi_call(Nodes, global_name_server, Request)}: the replies of the nodes
     * that answered, in order; a node that is down, has no server or does not answer in time is
     * left out (a bad node, as erl's multi_call reports it).
     */
    Map<String, Object> multiCall(List<String> nodes, Object request) {
        Map<String, Object> replies = new LinkedHashMap<>();
        for (String node : nodes) {
            try {
                replies.put(node, GenServer.call(self, Tuple.of(SERVER, Atom.of(node)), request, callTimeout));
            } catch (CallException badNode) {
                // a bad node: not among the replies
            }
        }
        return replies;
    }
}
