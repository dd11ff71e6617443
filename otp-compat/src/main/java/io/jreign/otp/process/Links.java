package io.jreign.otp.process;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One process's links as the link protocol's process-local information (OTP 23.3+, mandatory
 * since OTP 26; ERTS "Distribution Protocol", Link Protocol): per linked pid, whether the link is
 * active, or the id of our unlink that the other side has not acknowledged yet.
 *
 * <pre>
 *  event                    no info           active              unlinking(id)
 *  LINK sent (link/1)       active, send      -                   active, send (the ack is ignored)
 *  LINK received            active            -                   - (the peer will see our UNLINK_ID)
 *  UNLINK_ID sent (unlink/1)-                 unlinking(id), send -
 *  UNLINK_ID received       (ack)             removed (ack)       - (ack)
 *  UNLINK_ID_ACK(id') recvd -                 -                   removed if id' = id
 *  exit signal of the link  dropped           acted on, removed   dropped, removed
 *  our process ends         -                 exit signal sent    nothing sent (OTP-18177)
 * </pre>
 * Not thread-safe: the {@link ProcessTable} calls it under its lock.
 */
final class Links {
    private static final long ACTIVE = 0;
    private final Map<Address, Long> links = new LinkedHashMap<>();

    /** {@code link/1} sends LINK: the link becomes active; whether a LINK must go out (it was not active). */
    boolean linkSent(Address other) {
        Long before = links.put(other, ACTIVE);
        return before == null || before != ACTIVE;
    }

    /** LINK received: a link is created unless one exists, active or being unlinked. */
    void linkReceived(Address other) {
        links.putIfAbsent(other, ACTIVE);
    }

    /**
     * {@code unlink/1} with unlink id {@code id} (1..2^64-1): an active link becomes inactive,
     * waiting for the acknowledgement.
     *
     * @return whether an UNLINK_ID must go out (the link was active)
     */
    boolean unlinkSent(Address other, long id) {
        if (id == ACTIVE) {
            throw new IllegalArgumentException("unlink ids start at 1");
        }
        Long state = links.get(other);
        if (state == null || state != ACTIVE) {
            return false;
        }
        links.put(other, id);
        return true;
    }

    /** UNLINK_ID received: an active link is removed; an unlink of ours in progress stays as it is. */
    void unlinkReceived(Address other) {
        links.remove(other, ACTIVE);
    }

    /** UNLINK_ID_ACK received: our unlink {@code id} is done, unless a newer link or unlink replaced it. */
    void unlinkAckReceived(Address other, long id) {
        links.remove(other, id);
    }

    /**
     * An exit signal due to the link arrives: the link information goes either way.
     *
     * @return whether the link was active (only then does the process react to the signal)
     */
    boolean exitReceived(Address other) {
        Long state = links.remove(other);
        return state != null && state == ACTIVE;
    }

    /** Removes a link at once (both ends are on this node and change together). */
    void remove(Address other) {
        links.remove(other);
    }

    /** Whether the process is linked to {@code other} (an active link). */
    boolean isLinked(Address other) {
        Long state = links.get(other);
        return state != null && state == ACTIVE;
    }

    /** Every pid with link information, active or not. */
    List<Address> all() {
        return List.copyOf(links.keySet());
    }

    /** The active links: those that get an exit signal when the process ends. */
    List<Address> active() {
        List<Address> active = new ArrayList<>();
        links.forEach((pid, state) -> {
            if (state == ACTIVE) {
                active.add(pid);
            }
        });
        return active;
    }

    /**
     * The connection to {@code node} is lost: its links go (the exit signals {@code noconnection}
     * they bring are dropped for inactive ones).
     *
     * @return the active links that were removed
     */
    List<Address> removeNode(NodeId node) {
        List<Address> active = new ArrayList<>();
        links.entrySet().removeIf(e -> {
            if (!e.getKey().node().equals(node)) {
                return false;
            }
            if (e.getValue() == ACTIVE) {
                active.add(e.getKey());
            }
            return true;
        });
        return active;
    }

    int size() {
        return links.size();
    }
}
