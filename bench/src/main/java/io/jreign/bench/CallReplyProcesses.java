package io.jreign.bench;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Mark;
import io.jreign.mailbox.Node;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A server process, a client process that calls it, and the benchmark thread's mailbox that drives
 * the client. The client waits for each reply without a timeout; {@link Timed} with one, as
 * {@code gen_server:call} does (5 s by default).
 */
@State(Scope.Thread)
public class CallReplyProcesses {
    /** The same calls, each reply awaited with a 5 s timeout. */
    @State(Scope.Thread)
    public static class Timed extends CallReplyProcesses {
        @Override
        Duration replyTimeout() {
            return Duration.ofSeconds(5);
        }
    }

    private record Call(Address from, long tag) {}

    private record Reply(long tag) {}

    private Node node;
    private Mailbox driver;
    private Address client;

    @Setup(Level.Trial)
    public void start() {
        node = Node.start("bench-call");
        driver = node.newMailbox();
        Address server = node.spawn(CallReplyProcesses::serve);
        Duration timeout = replyTimeout();
        client = node.spawn(self -> callLoop(self, server, timeout));
    }

    /** How long the client waits for a reply; null: no timeout. */
    Duration replyTimeout() {
        return null;
    }

    @TearDown(Level.Trial)
    public void stop() {
        node.close();
    }

    /** Has the client make {@code count} calls; returns when it has. */
    public void calls(int count) {
        client.send(new Batch(count, driver.address()));
        driver.receive();
    }

    private static void serve(Mailbox self) {
        while (true) {
            if (self.receive() instanceof Call(Address from, long tag)) {
                from.send(new Reply(tag));
            }
        }
    }

    private static void callLoop(Mailbox self, Address server, Duration timeout) {
        Address me = self.address();
        long lastTag = 0;
        while (true) {
            Batch batch = (Batch) self.receive();
            for (int i = 0; i < batch.ops(); i++) {
                long tag = ++lastTag;
                Mark mark = self.mark();
                server.send(new Call(me, tag));
                if (timeout == null) {
                    self.receive(mark, Reply.class, reply -> reply.tag() == tag);
                } else {
                    self.receive(mark, Reply.class, reply -> reply.tag() == tag, timeout)
                            .orElseThrow(() -> new IllegalStateException("no reply within " + timeout));
                }
            }
            batch.reportTo().send(Signal.DONE);
        }
    }
}
