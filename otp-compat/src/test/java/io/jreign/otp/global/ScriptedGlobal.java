package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.OtpNode;
import io.jreign.otp.dist.ControlMessage;
import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.testing.RawPeer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A visible peer node whose {@code global_name_server} is a test script: the test plays an erl
 * global of any protocol version, message by message, against a Java node's global. A reader
 * thread grants every {@code set_lock} and {@code del_lock} the Java node calls on it (so the Java
 * locker never waits on the script) and queues everything the Java node sends, in order.
 */
final class ScriptedGlobal implements AutoCloseable {
    private static final Atom SERVER = Atom.of(GlobalTerms.SERVER);
    private static final Atom GEN_CALL = Atom.of("$gen_call");
    private static final Atom GEN_CAST = Atom.of("$gen_cast");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** One message from the Java node; {@link #CLOSED} once the connection is gone. */
    record Received(ControlMessage control, Object payload) {
        /** The message cast to our name server, or null. */
        Tuple cast() {
            return toServer() instanceof Tuple t && t.size() == 2 && GEN_CAST.equals(t.get(0))
                    && t.get(1) instanceof Tuple message ? message : null;
        }

        /** A plain message to our name server (not a cast or call), or null. */
        Tuple info() {
            return toServer() instanceof Tuple t && !GEN_CAST.equals(t.get(0)) && !GEN_CALL.equals(t.get(0)) ? t : null;
        }

        /** The message sent to {@code pid}, or null. */
        Object sentTo(Address pid) {
            return control instanceof ControlMessage.Send send && pid.equals(send.to()) ? payload : null;
        }

        boolean isCast(Atom tag) {
            return cast() != null && tag.equals(cast().get(0));
        }

        boolean isInfo(Atom tag) {
            return info() != null && tag.equals(info().get(0));
        }

        private Object toServer() {
            return control instanceof ControlMessage.RegSend send && SERVER.equals(send.toName()) ? payload : null;
        }
    }

    static final Received CLOSED = new Received(null, null);

    /** A call's reply, and what the Java node sent us before it. */
    record Reply(Object value, List<Received> before) {}

    private final RawPeer peer;
    private final String name;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final Thread reader;
    private int lastRef;

    private ScriptedGlobal(RawPeer peer, String name) {
        this.peer = peer;
        this.name = name;
        this.reader = Thread.ofPlatform().daemon().name("scripted-global " + name).start(this::read);
    }

    /** Connects to {@code java} as visible node {@code name}. */
    static ScriptedGlobal connect(OtpNode java, String name, String cookie) throws IOException {
        RawPeer peer = RawPeer.connect(java, name, cookie, 0, DistFlags.advertised(false));
        peer.socket().setSoTimeout(0); // a quiet script is not a dead one: close() ends the reader
        return new ScriptedGlobal(peer, name);
    }

    String name() {
        return name;
    }

    Atom node() {
        return Atom.of(name);
    }

    Address pid(long id) {
        return peer.pid(id);
    }

    /** Our name server's pid (the sender of what the script sends). */
    Address server() {
        return pid(1);
    }

    /** Our locker's pid, as our init_connect announces it. */
    Address locker() {
        return pid(2);
    }

    /** {@code gen_server:cast({global_name_server, Java}, Message)}. */
    void cast(Object message) {
        info(Tuple.of(GEN_CAST, message));
    }

    /** {@code {global_name_server, Java} ! Message}. */
    void info(Object message) {
        send(new ControlMessage.RegSend(server(), SERVER), message);
    }

    /** {@code Pid ! Message}. */
    void send(Address pid, Object message) {
        send(new ControlMessage.Send(server(), pid), message);
    }

    /**
     * {@code gen_server:call({global_name_server, Java}, Request)}: the Java server answers after
     * everything it got from us before, so this is also a barrier.
     */
    Reply call(Object request) {
        Address caller = pid(3);
        Ref ref;
        synchronized (this) {
            ref = new Ref(node(), 5, new int[] {++lastRef, 0, 0});
        }
        info(Tuple.of(GEN_CALL, Tuple.of(caller, ref), request));
        List<Received> before = new ArrayList<>();
        while (true) {
            Received next = next();
            if (next.sentTo(caller) instanceof Tuple answer && answer.size() == 2 && ref.equals(answer.get(0))) {
                return new Reply(answer.get(1), before);
            }
            before.add(next);
        }
    }

    /** The next message the Java node sent; fails after 20 s. */
    Received next() {
        try {
            Received next = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError(name + " got nothing within " + WAIT);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Messages up to the first that {@code wanted} accepts, which is last. */
    List<Received> upTo(Predicate<Received> wanted) {
        List<Received> seen = new ArrayList<>();
        while (true) {
            Received next = next();
            seen.add(next);
            if (wanted.test(next)) {
                return seen;
            }
            if (next == CLOSED) {
                throw new AssertionError(name + "'s connection closed; it got " + seen);
            }
        }
    }

    /** The first message {@code wanted} accepts. */
    Received expect(Predicate<Received> wanted) {
        return upTo(wanted).getLast();
    }

    private synchronized void send(ControlMessage control, Object payload) {
        try {
            peer.send(control, payload);
        } catch (IOException e) {
            throw new AssertionError(name + " cannot send " + payload, e);
        }
    }

    private void read() {
        try {
            while (true) {
                var decoded = peer.next();
                Received received = new Received(decoded.message(), decoded.payload());
                if (!grant(received)) {
                    queue.add(received);
                }
            }
        } catch (IOException e) {
            queue.add(CLOSED);
        }
    }

    /** Answers {@code true} to a set_lock or del_lock call; whether it was one. */
    private boolean grant(Received received) {
        if (received.toServer() instanceof Tuple call && call.size() == 3 && GEN_CALL.equals(call.get(0))
                && call.get(1) instanceof Tuple from && from.size() == 2 && from.get(0) instanceof Address caller
                && (GlobalTerms.SET_LOCK.equals(GlobalTerms.tag(call.get(2)))
                        || GlobalTerms.DEL_LOCK.equals(GlobalTerms.tag(call.get(2))))) {
            send(caller, Tuple.of(from.get(1), Atom.TRUE));
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        peer.close();
        try {
            reader.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
