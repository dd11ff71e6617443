package io.jreign.cluster.internal;

import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.TransportContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name claims one connected peer told this node about, checked and bounded before the node
 * hears of them. One per connection, used on its event loop only.
 *
 * <ul>
 *   <li>Protocol: a {@link Frame.NameSync} from its first part to its last, then any number of
 *       {@link Frame.NameChanges}; anything else (a change before the sync, a part out of place) is a
 *       protocol error, thrown as {@link IllegalStateException} so the connection closes with the
 *       reason logged.</li>
 *   <li>Bound: at most {@code limit} claims ({@code limits.maxNamesPerNode}) are held for the peer,
 *       in the sync being collected as in the set passed on; claims past it are ignored, and the
 *       first ignored one is logged. Because this keeps the exact set, a peer cannot free room by
 *       releasing claims it never made.</li>
 * </ul>
 */
final class RemoteNames {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteNames.class);

    private final TransportContext context;
    private final NodeId peer;
    private final int limit;
    /** What the node was told, once the first sync is complete; null before. */
    private Set<NameClaim> held;
    /** The sync being collected, or null. */
    private List<NameClaim> collecting;
    private boolean warned;

    RemoteNames(TransportContext context, NodeId peer, int limit) {
        this.context = context;
        this.peer = peer;
        this.limit = limit;
    }

    void received(Frame.NameSync part) {
        if (part.first() == (collecting != null)) {
            throw new IllegalStateException(part.first()
                    ? "protocol: a NameSync first part while the previous sync is not finished"
                    : "protocol: a NameSync part without its first part");
        }
        if (part.first()) {
            collecting = new ArrayList<>();
        }
        for (Frame.Claim claim : part.claims()) {
            if (collecting.size() < limit) {
                collecting.add(new NameClaim(claim.name(), context.address(peer, claim.id())));
            } else {
                ignored();
            }
        }
        if (part.last()) {
            held = new LinkedHashSet<>(collecting);
            collecting = null;
            context.remoteClaims(peer, List.copyOf(held));
        }
    }

    void received(Frame.NameChanges changes) {
        if (held == null || collecting != null) {
            throw new IllegalStateException("protocol: NameChanges before the NameSync is complete");
        }
        for (Frame.Change change : changes.changes()) {
            NameClaim claim = new NameClaim(change.name(), context.address(peer, change.id()));
            if (!change.claimed()) {
                if (held.remove(claim)) {
                    context.remoteClaimChanged(peer, claim, false);
                }
            } else if (held.size() >= limit) {
                ignored();
            } else if (held.add(claim)) {
                context.remoteClaimChanged(peer, claim, true);
            }
        }
    }

    /** How many claims are held for the peer now. */
    int size() {
        return held == null ? 0 : held.size();
    }

    private void ignored() {
        if (!warned) {
            warned = true;
            LOG.warn("{}: {} holds more than limits.maxNamesPerNode = {} names; the claims past it are ignored",
                    context.self(), peer, limit);
        }
    }
}
