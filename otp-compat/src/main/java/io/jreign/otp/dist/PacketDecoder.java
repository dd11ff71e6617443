package io.jreign.otp.dist;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.AtomCache;
import io.jreign.otp.etf.EtfCodec;
import io.jreign.otp.etf.EtfException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the packets of one connection into control messages: pass-through packets, normal
 * distribution headers with or without atom cache references (the connection's
 * {@link AtomCache}), and fragmented messages, which it reassembles per sequence (peers
 * interleave the fragments of different senders). See {@link DistPacket} for the layouts.
 *
 * <p>Bounded: at most {@code maxSequences} messages in reassembly at once and at most
 * {@code maxMessageSize} bytes in any one; terms are decoded with the connection's bounded codec.
 * Not thread-safe: one reader thread per connection.
 */
public final class PacketDecoder {
    /** A decoded control message and the term that followed it, or null. */
    public record Decoded(ControlMessage message, Object payload) {}

    private final EtfCodec codec;
    private final int maxMessageSize;
    private final int maxSequences;
    private final Map<Long, Assembly> assemblies = new HashMap<>();
    private final AtomCache atomCache;

    /** A decoder using {@code codec} for terms. */
    public PacketDecoder(EtfCodec codec, int maxMessageSize, int maxSequences) {
        this.codec = codec;
        this.maxMessageSize = maxMessageSize;
        this.maxSequences = maxSequences;
        this.atomCache = new AtomCache(codec.atomTable());
    }

    /**
     * Decodes one non-empty packet.
     *
     * @return the message, or null while a fragmented message is incomplete
     * @throws DistProtocolException if the packet is malformed or exceeds a bound
     */
    public Decoded decode(byte[] packet) throws DistProtocolException {
        ByteBuffer in = ByteBuffer.wrap(packet);
        try {
            int first = in.get() & 0xFF;
            if (first == DistPacket.PASS_THROUGH) {
                Object control = codec.decode(in);
                Object payload = in.hasRemaining() ? codec.decode(in) : null;
                return finish(in, control, payload);
            }
            if (first != DistPacket.VERSION) {
                throw new DistProtocolException("packet starts with " + first + ", not 112 or 131");
            }
            int kind = in.get() & 0xFF;
            return switch (kind) {
                case DistPacket.DIST_HEADER -> {
                    Atom[] refs = atomCache.readReferences(in);
                    yield terms(in, refs);
                }
                case DistPacket.DIST_FRAG_HEADER -> {
                    long sequence = in.getLong();
                    long fragment = in.getLong();
                    if (fragment < 1) {
                        throw new DistProtocolException("fragment id " + fragment + " in a DIST_FRAG_HEADER");
                    }
                    // Resolved now: a later message's header may reuse these slots before the last fragment.
                    Atom[] refs = atomCache.readReferences(in);
                    if (fragment == 1) {
                        yield terms(in, refs);
                    }
                    if (assemblies.containsKey(sequence)) {
                        throw new DistProtocolException("sequence " + sequence + " started twice");
                    }
                    if (assemblies.size() >= maxSequences) {
                        throw new DistProtocolException("more than " + maxSequences + " fragmented messages at once");
                    }
                    Assembly assembly = new Assembly(fragment, refs);
                    assembly.add(in, maxMessageSize);
                    assemblies.put(sequence, assembly);
                    yield null;
                }
                case DistPacket.DIST_FRAG_CONT -> {
                    long sequence = in.getLong();
                    long fragment = in.getLong();
                    Assembly assembly = assemblies.get(sequence);
                    if (assembly == null) {
                        throw new DistProtocolException("fragment of unknown sequence " + sequence);
                    }
                    if (fragment != assembly.next - 1) {
                        throw new DistProtocolException("fragment " + fragment + " of sequence " + sequence
                                + " out of order (expected " + (assembly.next - 1) + ")");
                    }
                    assembly.next = fragment;
                    assembly.add(in, maxMessageSize);
                    if (fragment > 1) {
                        yield null;
                    }
                    assemblies.remove(sequence);
                    yield terms(ByteBuffer.wrap(assembly.bytes, 0, assembly.size), assembly.refs);
                }
                default -> throw new DistProtocolException("unknown distribution header " + kind);
            };
        } catch (BufferUnderflowException e) {
            throw new DistProtocolException("truncated distribution header", e);
        } catch (EtfException e) {
            throw new DistProtocolException("bad term in distribution packet: " + e.getMessage(), e);
        }
    }

    /** Messages in reassembly now. */
    public int pending() {
        return assemblies.size();
    }

    private Decoded terms(ByteBuffer in, Atom[] refs) throws DistProtocolException {
        Object control = codec.decodeTerm(in, refs);
        Object payload = in.hasRemaining() ? codec.decodeTerm(in, refs) : null;
        return finish(in, control, payload);
    }

    private static Decoded finish(ByteBuffer in, Object control, Object payload) throws DistProtocolException {
        if (in.hasRemaining()) {
            throw new DistProtocolException(in.remaining() + " bytes left over after the payload term");
        }
        return new Decoded(ControlMessage.of(control, payload), payload);
    }

    /** One fragmented message being put together. */
    private static final class Assembly {
        final Atom[] refs;
        long next;
        byte[] bytes = new byte[1024];
        int size;

        Assembly(long first, Atom[] refs) {
            this.next = first;
            this.refs = refs;
        }

        void add(ByteBuffer in, int max) throws DistProtocolException {
            int length = in.remaining();
            if ((long) size + length > max) {
                throw new DistProtocolException("fragmented message exceeds " + max + " bytes");
            }
            if (size + length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.min(max, Math.max(size + length, bytes.length * 2)));
            }
            in.get(bytes, size, length);
            size += length;
        }
    }
}
