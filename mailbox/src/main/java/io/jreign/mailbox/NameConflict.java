package io.jreign.mailbox;

import java.util.List;

/**
 * Sent to every claimant of a name when more than one mailbox holds it, each by its own node. The
 * name keeps working ({@link Names#lookup} answers one claim); what to do about the conflict is
 * the claimants' decision, as in reign.
 *
 * @param name       the contested name
 * @param claimants  every address that holds it, in {@link Names#lookupAll} order of the node
 *                   that sent this
 */
public record NameConflict(String name, List<Address> claimants) {
    public NameConflict {
        claimants = List.copyOf(claimants);
    }
}
