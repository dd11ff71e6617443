package io.jreign.otp.etf;

import io.jreign.cluster.Serializer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * ETF as the TLS cluster's wire format: messages between Java nodes in Erlang's external term
 * format, so the same records and terms travel the cluster and Erlang distribution alike. Plug it
 * in with {@code ClusterNode.builder(spec, name).serializer(new EtfSerializer(codec))}.
 *
 * <p>What can be sent is what the codec encodes: Erlang terms ({@link Atom}, {@link Tuple},
 * lists, maps, {@link Binary}...), numbers, strings (as binaries), addresses (as pids) and the
 * records registered on the codec. Decoding is bounded by the codec's depth limit, by the frame's
 * length, and by one {@link AtomTable} cap on atoms created from remote input, shared by every
 * connection of this serializer. Decoded addresses are bound to the receiving node.
 */
public final class EtfSerializer implements Serializer {
    private final EtfCodec codec;
    private final AtomTable remoteAtoms;
    private final String id;

    /** ETF with {@code codec}'s records and depth limit; remote atoms capped at the default. */
    public EtfSerializer(EtfCodec codec) {
        this(codec, AtomTable.withDefaultCap());
    }

    /** As {@link #EtfSerializer(EtfCodec)}, with atoms created from remote input counted in {@code remoteAtoms}. */
    public EtfSerializer(EtfCodec codec, AtomTable remoteAtoms) {
        this.codec = codec;
        this.remoteAtoms = remoteAtoms;
        this.id = "etf/1 " + registrationDigest(codec);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] encode(Object message, int maxBytes) {
        byte[] bytes;
        try {
            bytes = codec.encode(message);
        } catch (EtfException e) {
            throw new IllegalArgumentException("cannot send a " + message.getClass().getName() + " as ETF: " + e.getMessage(), e);
        }
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("a " + message.getClass().getName() + " encodes to " + bytes.length
                    + " bytes of ETF, over the cluster's limit of " + maxBytes);
        }
        return bytes;
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length, Context context) {
        EtfCodec receiving = codec.toBuilder()
                .addressFactory(context::address)
                .atomTable(remoteAtoms)
                .maxSize(length)
                .build();
        byte[] term = offset == 0 && length == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        return receiving.decode(term);
    }

    /** Both sides must register the same records under the same tags: that goes into the id. */
    private static String registrationDigest(EtfCodec codec) {
        Map<String, String> registrations = new TreeMap<>(codec.registeredRecords());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(registrations.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "EtfSerializer[" + id + ']';
    }
}
