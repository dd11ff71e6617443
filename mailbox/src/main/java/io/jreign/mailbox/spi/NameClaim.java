package io.jreign.mailbox.spi;

import io.jreign.mailbox.Address;
import java.util.Objects;

/**
 * One mailbox's claim on one name, as nodes tell each other about them.
 *
 * @param name    the registered name
 * @param address the claimant
 */
public record NameClaim(String name, Address address) {
    public NameClaim {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
