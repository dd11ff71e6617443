package io.jreign.chat;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NameConflict;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that chats on one node: registered cluster-wide under {@value #NAME}, it sends what
 * its console says to the chatters of the other nodes and prints what they say.
 *
 * <h2>Messages it handles</h2>
 * <pre>
 *   from its console (local)  {@link Command}: Say, Who, Help, Quit, Blank, Invalid
 *   from other chatters       {@link Said}(from, text)              -&gt; "&lt;node&gt; text"
 *   from its node             {@link NodeEvent.Up}(n)                -&gt; look up n's chatter under {@value #NAME},
 *                                                                   every {@link #FIND_INTERVAL}; found: "*** n joined"
 *                             {@link NodeEvent.Down}(n, reason)      -&gt; "*** n left (connection lost)"
 *                             {@link CloseNotification}(chatter, r)  -&gt; "*** n left" (it quit) or with the reason
 *                             {@link NameConflict}                   -&gt; ignored: every chatter claims {@value #NAME}
 *   from itself (timer)       Find(n)                               -&gt; the next lookup
 * </pre>
 * A node is announced as joined once its chatter is found, and left once, by whichever of its
 * close notification and its node's Down comes first. On {@code /quit} the chatter closes (the
 * others see it leave with reason {@code NORMAL}) and then sends {@link Left} to its owner, who
 * may then stop the node: the close notifications are queued on the network before that.
 */
public final class Chatter {
    /** The name every chatter registers under; {@code lookupAll} of it is the chat room. */
    public static final String NAME = "jreign.chat";

    /** Time between two lookups of a node's chatter after it came up. */
    static final Duration FIND_INTERVAL = Duration.ofMillis(100);

    /** Lookups before giving up on a node whose chatter does not appear (it runs no chat). */
    static final int FIND_ATTEMPTS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(Chatter.class);

    /** Sent to the owner once the chatter has left: its close is on its way to the others. */
    public record Left() {}

    /** Finds the chatter of another node. */
    @FunctionalInterface
    interface Finder {
        Optional<Address> chatterOn(NodeId node);
    }

    /** The next lookup of {@code node}'s chatter (a timer message to itself). */
    private record Find(NodeId node) {}

    private final Node node;
    private final ChatOutput out;
    private final Address owner;
    private final Supplier<? extends Collection<NodeId>> connectedNow;
    private final Finder finder;
    private final Members members = new Members();

    private Chatter(Node node, ChatOutput out, Address owner, Supplier<? extends Collection<NodeId>> connectedNow,
            Finder finder) {
        this.node = node;
        this.out = out;
        this.owner = owner;
        this.connectedNow = connectedNow;
        this.finder = finder;
    }

    /**
     * Spawns the chatter of {@code node}, registered as {@value #NAME}.
     *
     * @param out where it prints
     * @param owner told {@link Left} after {@code /quit}
     * @param connectedNow the nodes connected already, asked once the chatter monitors node events
     *     (nodes that came up before it started are announced too)
     * @return the chatter's address; send it {@link Command}s
     */
    public static Address spawn(Node node, ChatOutput out, Address owner,
            Supplier<? extends Collection<NodeId>> connectedNow) {
        return spawn(node, out, owner, connectedNow, other -> node.names().lookupAll(NAME).stream()
                .filter(claimant -> claimant.node().equals(other))
                .findFirst());
    }

    /** As {@link #spawn(Node, ChatOutput, Address, Supplier)} with another way to find chatters (tests). */
    static Address spawn(Node node, ChatOutput out, Address owner, Supplier<? extends Collection<NodeId>> connectedNow,
            Finder finder) {
        Chatter chatter = new Chatter(node, out, owner, connectedNow, finder);
        return node.spawn(NAME, chatter::run);
    }

    private void run(Mailbox self) {
        node.monitorNodes(self.address());
        try {
            connectedNow.get().forEach(peer -> up(self, peer));
            while (true) {
                switch (self.receive()) {
                    case Said(Address from, String text) when from != null && text != null ->
                            out.show(ChatText.said(from.node().name(), text));
                    case Command command -> {
                        if (!obey(self, command)) {
                            return;
                        }
                    }
                    case NodeEvent.Up(NodeId peer) -> up(self, peer);
                    case NodeEvent.Down(NodeId peer, Object why) -> // whatever the transport's words: a lost connection
                            members.down(peer).ifPresent(gone -> out.show(ChatText.left(peer.name(), Reason.NO_CONNECTION)));
                    case CloseNotification(Address closed, Object reason) ->
                            members.closed(closed).ifPresent(gone -> out.show(ChatText.left(gone.node().name(), reason)));
                    case Find(NodeId peer) -> find(self, peer);
                    case NameConflict(String name, var claimants) when NAME.equals(name) ->
                            // Every chatter claims NAME, so another node's claim arriving here is a
                            // "conflict": the registry's own news of a chatter, no polling needed.
                            claimants.stream().filter(c -> !c.node().equals(node.id())).forEach(c -> up(self, c.node())); // no-op for a run known already
                    case Object other -> LOG.debug("chatter ignores {}", other.getClass().getName());
                }
            }
        } finally {
            node.demonitorNodes(self.address());
        }
    }

    /** Carries out a console command; false when the chatter must stop. */
    private boolean obey(Mailbox self, Command command) {
        switch (command) {
            case Command.Say(String text) -> say(self, text);
            case Command.Who() -> out.show(ChatText.online(node.id().name(), members.online()));
            case Command.Help() -> out.show(ChatText.notice(ChatText.COMMANDS));
            case Command.Invalid(String problem) -> out.show(ChatText.notice(problem));
            case Command.Blank() -> { }
            case Command.Quit() -> {
                self.close(Reason.NORMAL); // watchers (the other chatters) are told before the owner hears Left
                out.show(ChatText.notice("you left the chat"));
                owner.send(new Left());
                return false;
            }
        }
        return true;
    }

    private void say(Mailbox self, String text) {
        var chatters = members.chatters();
        if (chatters.isEmpty()) {
            out.show(ChatText.notice("nobody else is online yet; not sent"));
            return;
        }
        Said said = new Said(self.address(), text);
        for (Address chatter : chatters) {
            chatter.send(said);
        }
    }

    private void up(Mailbox self, NodeId peer) {
        members.otherRunOnline(peer).ifPresent(gone -> out.show(ChatText.left(peer.name(), Reason.NO_CONNECTION)));
        if (members.up(peer)) {
            find(self, peer);
        }
    }

    private void find(Mailbox self, NodeId peer) {
        int attempts = members.attempt(peer);
        if (attempts == 0) {
            return; // found, gone or replaced meanwhile
        }
        Optional<Address> chatter = finder.chatterOn(peer).map(node::bind); // routed by this node, over its transport
        if (chatter.isPresent() && members.found(peer, chatter.get())) {
            chatter.get().onCloseNotify(self.address());
            out.show(ChatText.joined(peer.name()));
        } else if (attempts < FIND_ATTEMPTS) {
            node.sendAfter(FIND_INTERVAL, self.address(), new Find(peer));
        } else {
            members.giveUp(peer); // a chatter that starts there later is announced by its claim (NameConflict)
            LOG.info("node {} is up and runs no chatter (no claim of {} from it yet)", peer, NAME);
        }
    }
}
