package io.jreign.chat;

import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.MailboxClosedException;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import java.io.Reader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One chat node at a console: its {@link Chatter}, a process reading the console into it, and a
 * clean leave that happens once, whether the chatter quit or the JVM is being stopped (Ctrl-C).
 */
final class ChatSession {
    private final ClusterNode cluster;
    private final Mailbox inbox;
    private final Address chatter;
    private final ChatOutput out;
    private final AtomicBoolean left = new AtomicBoolean();

    private ChatSession(ClusterNode cluster, Mailbox inbox, Address chatter, ChatOutput out) {
        this.cluster = cluster;
        this.inbox = inbox;
        this.chatter = chatter;
        this.out = out;
    }

    /** Starts the chatter on {@code cluster} and a process that reads {@code console} into it. */
    static ChatSession start(ClusterNode cluster, Reader console, ChatOutput out) {
        Node node = cluster.node();
        Mailbox inbox = node.newMailbox();
        Address chatter = Chatter.spawn(node, out, inbox.address(), () -> connectedPeers(cluster));
        chatter.onCloseNotify(inbox.address());
        node.spawn(self -> new ConsoleReader(console).sendAll(chatter));
        return new ChatSession(cluster, inbox, chatter, out);
    }

    /**
     * Waits until the chatter has left ({@code /quit} or the end of the input) or failed, then
     * leaves the cluster.
     *
     * @return the exit status: 0 after a quit, 1 if the chatter failed
     */
    int awaitEnd() {
        try {
            while (true) {
                switch (inbox.receive()) {
                    case Chatter.Left done -> {
                        leave();
                        return 0;
                    }
                    case CloseNotification(Address closed, Object reason) when reason != Reason.NORMAL -> {
                        out.show(ChatText.notice("the chat stopped: " + reason));
                        leave();
                        return 1;
                    }
                    default -> { } // the chatter's NORMAL close: its Left follows
                }
            }
        } catch (MailboxClosedException stopped) {
            return 0; // the JVM is stopping and leave() ran from the shutdown hook
        }
    }

    /**
     * Leaves once: closes the chatter (the other chatters see it leave, reason {@code NORMAL}), then
     * the cluster node, which flushes that to them before saying goodbye.
     */
    void leave() {
        if (left.compareAndSet(false, true)) {
            cluster.node().kill(chatter, Reason.NORMAL);
            cluster.close();
        }
    }

    private static List<NodeId> connectedPeers(ClusterNode cluster) {
        return cluster.spec().nodes().stream()
                .map(ClusterSpec.Member::name)
                .filter(name -> !name.equals(cluster.id().name()))
                .map(cluster::connected)
                .flatMap(Optional::stream)
                .toList();
    }
}
