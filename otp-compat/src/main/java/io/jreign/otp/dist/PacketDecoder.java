package io.jreign.otp.dist;

import io.jreign.otp.etf.EtfCodec;
import io.jreign.otp.etf.EtfException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the packets of one connection into control messages: pass-through packets, normal
 * distribution headers without atom-cache references, and fragmented messages, which it
 * reassembles per sequence (peers interleave the fragments of different senders). See
 * {@link DistPacket} for the layouts.
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

    /** A decoder using {@code codec} for terms. */
    public PacketDecoder(EtfCodec codec, int maxMessageSize, int maxSequences) {
        this.codec = codec;
        this.maxMessageSize = maxMessageSize;
        this.maxSequences = maxSequences;
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
                    noAtomCache(in);
                    yield terms(in);
                }
                case DistPacket.DIST_FRAG_HEADER -> {
                    long sequence = in.getLong();
                    long fragment = in.getLong();
                    noAtomCache(in);
                    if (fragment < 1) {
                        throw new DistProtocolException("fragment id " + fragment + " in a DIST_FRAG_HEADER");
                    }
                    if (fragment == 1) {
                        yield terms(in);
                    }
                    if (assemblies.containsKey(sequence)) {
                        throw new DistProtocolException("sequence " + sequence + " started twice");
                    }
                    if (assemblies.size() >= maxSequences) {
                        throw new DistProtocolException("more than " + maxSequences + " fragmented messages at once");
                    }
                    Assembly assembly = new Assembly(fragment);
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
                    yield terms(ByteBuffer.wrap(assembly.bytes, 0, assembly.size));
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

    private Decoded terms(ByteBuffer in) throws DistProtocolException {
        Object control = codec.decodeTerm(in);
        Object payload = in.hasRemaining() ? codec.decodeTerm(in) : null;
        return finish(in, control, payload);
    }

    private static Decoded finish(ByteBuffer in, Object control, Object payload) throws DistProtocolException {
        if (in.hasRemaining()) {
            throw new DistProtocolException(in.remaining() + " bytes left over after the payload term");
        }
        return new Decoded(ControlMessage.of(control, payload), payload);
    }

    private static void noAtomCache(ByteBuffer in) throws DistProtocolException {
        int refs = in.get() & 0xFF;
        if (refs != 0) {
            throw new DistProtocolException(refs + " atom cache references, but DIST_HDR_ATOM_CACHE was not agreed");
        }
    }

    /** One fragmented message being put together. */
    private static final class Assembly {
        long next;
        byte[] bytes = new byte[1024];
        int size;

        Assembly(long first) {
            this.next = first;
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
