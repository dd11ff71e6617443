package io.jreign.mailbox;

import java.util.List;

/**
 * Sent to every claimant of a name when more than one mailbox holds it. The name keeps working
 * ({@link Names#lookup} answers the oldest claim); what to do about the conflict is the claimants'
 * decision, as in reign.
 *
 * @param name       the contested name
 * @param claimants  every address that holds it, oldest claim first
 */
public record NameConflict(String name, List<Address> claimants) {
    public NameConflict {
        claimants = List.copyOf(claimants);
    }
}
