package io.jreign.cluster;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;

/**
 * How message objects cross the wire: the payload of every message and close reason the cluster
 * carries. {@link KryoSerializer} is the default; the OTP bridge will bring an ETF one.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #encode} runs in the sending thread, inside {@link Address#send}: an object it cannot
 *       encode makes that send throw {@link IllegalArgumentException} naming the class, so a
 *       programming error shows where it was made, not on another machine.</li>
 *   <li>{@link #decode} runs on a network thread on bytes from an authenticated peer, which is still
 *       not trusted: it must not allocate more than a small multiple of the input's size, must not
 *       recurse without bound, and must fail with a {@link RuntimeException} (never an
 *       {@link Error}) on malformed input. The cluster then closes that connection and logs why.</li>
 *   <li>{@link Address}es inside messages must stay live: decode them through
 *       {@link Context#address}, which binds them to the receiving node.</li>
 *   <li>Both sides must agree on the encoding: {@link #id()} is compared in the hello exchange and a
 *       peer with another id is refused, so two nodes with different registrations never talk.</li>
 *   <li>Implementations are thread-safe: any number of threads encode and decode at once.</li>
 * </ul>
 */
public interface Serializer {

    /**
     * Identifies the encoding, including anything (such as class registrations) both sides must
     * share; at most 200 characters. Peers whose ids differ are refused at connect.
     */
    String id();

    /**
     * Encodes {@code message}.
     *
     * @param maxBytes the largest encoding the cluster can carry
     * @return the encoding, at most {@code maxBytes} long
     * @throws IllegalArgumentException if the object (or anything it contains) cannot be encoded,
     *                                  naming the class; or if the encoding exceeds {@code maxBytes}
     */
    byte[] encode(Object message, int maxBytes);

    /**
     * Decodes exactly {@code length} bytes at {@code offset} of {@code bytes}.
     *
     * @throws RuntimeException if the bytes are not a valid encoding (including trailing bytes)
     */
    Object decode(byte[] bytes, int offset, int length, Context context);

    /** What decoding needs from the receiving node. */
    interface Context {
        /** An address bound to the receiving node, so that sends to it are routed. */
        Address address(NodeId node, long id);
    }
}
