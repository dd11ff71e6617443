package io.jreign.otp.etf;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;

/**
 * Builds the {@link Address} for a decoded pid. The default is {@link Address#of}; a transport
 * passes its context's {@code address(NodeId, long)} so decoded addresses are bound to its node.
 */
@FunctionalInterface
public interface AddressFactory {
    /** The address of mailbox {@code id} on {@code node}. */
    Address address(NodeId node, long id);
}
