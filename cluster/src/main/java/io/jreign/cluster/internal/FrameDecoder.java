package io.jreign.cluster.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ByteProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the decrypted byte stream into frames and parses each into a {@link Frame}, refusing
 * anything malformed with a {@link CorruptedFrameException} (the connection is then closed).
 *
 * <pre>
 *  0                   4         5
 *  +-------------------+---------+----------------------------------------+
 *  | length: u32 (BE)  | type: u8| body: length - 1 bytes                 |
 *  +-------------------+---------+----------------------------------------+
 *    1 &lt;= length &lt;= limits.maxFrameSize; a larger length is refused as soon as the prefix is read
 *
 *  type  frame      body (integers big-endian; str = u16 byte count + UTF-8, at most 1024 bytes)
 *  0x01  Hello      u16 version | str cluster | str node | u32 incarnation | str serializer id
 *  0x02  Reject     str reason
 *  0x03  Heartbeat  (empty)
 *  0x04  Send       u32 target incarnation | u64 target id | payload (rest of the frame)
 *  0x05  Watch      u32 target incarnation | u64 target id | u64 watcher id
 *  0x06  Unwatch    u32 target incarnation | u64 target id | u64 watcher id
 *  0x07  Closed     u64 target id | u32 watcher incarnation | u64 watcher id | reason (rest)
 *  0x08  Leave      (empty)
 *  0x09  NameSync   u8 part (bit 0 first, bit 1 last) | u32 count | count x (u64 id | name)
 *  0x0A  NameChanges  u32 count (at least 1) | count x (u8 1 claimed / 0 released | u64 id | name)
 *
 *  name = str of 1 to 255 bytes of well-formed UTF-8 (Frame.MAX_NAME_BYTES)
 * </pre>
 * A frame with bytes left over after its body, an unknown type, a count larger than the bytes left
 * could hold, or a connection that ends inside a frame is refused likewise.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    static final int MAX_STRING_BYTES = 1024;
    private static final ByteProcessor WHILE_ASCII = value -> value >= 0;

    /** @param maxFrameSize the largest {@code length} accepted */
    public FrameDecoder(int maxFrameSize) {
        super(maxFrameSize + 4, 0, 4, 0, 4, true);
    }

    static int stringSize(String value) {
        return 2 + value.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        return frame == null ? null : parse(frame);
    }

    /**
     * A view of the frame's bytes that shares {@code buffer}'s reference count: {@link #parse} copies
     * out all it keeps before {@code buffer} moves on, so the retain and release that the default
     * (a retained slice) costs on every frame, two atomic updates of a count shared by the whole
     * read, are saved.
     */
    @Override
    protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
        return buffer.slice(index, length);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, java.util.List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            int pending = in.readableBytes();
            in.skipBytes(pending);
            throw new CorruptedFrameException("connection ended inside a frame (" + pending + " bytes of it received)");
        }
    }

    static Frame parse(ByteBuf frame) {
        if (!frame.isReadable()) {
            throw new CorruptedFrameException("empty frame");
        }
        byte type = frame.readByte();
        Frame parsed;
        try {
            parsed = parseBody(type, frame);
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptedFrameException("frame of type " + (type & 0xff) + " too short for its body ("
                    + frame.writerIndex() + " bytes)");
        }
        if (frame.isReadable()) {
            throw new CorruptedFrameException(frame.readableBytes() + " bytes left over after a "
                    + parsed.getClass().getSimpleName() + " frame");
        }
        return parsed;
    }

    private static Frame parseBody(byte type, ByteBuf frame) {
        return switch (type) {
            case Frame.HELLO -> new Frame.Hello(frame.readUnsignedShort(), string(frame), string(frame),
                    frame.readUnsignedInt(), string(frame));
            case Frame.REJECT -> new Frame.Reject(string(frame));
            case Frame.HEARTBEAT -> Frame.Heartbeat.INSTANCE;
            case Frame.SEND -> new Frame.Send(frame.readUnsignedInt(), frame.readLong(), rest(frame));
            case Frame.WATCH -> new Frame.Watch(frame.readUnsignedInt(), frame.readLong(), frame.readLong());
            case Frame.UNWATCH -> new Frame.Unwatch(frame.readUnsignedInt(), frame.readLong(), frame.readLong());
            case Frame.CLOSED -> new Frame.Closed(frame.readLong(), frame.readUnsignedInt(), frame.readLong(), rest(frame));
            case Frame.LEAVE -> Frame.Leave.INSTANCE;
            case Frame.NAME_SYNC -> nameSync(frame);
            case Frame.NAME_CHANGES -> nameChanges(frame);
            default -> throw new CorruptedFrameException("unknown frame type " + (type & 0xff));
        };
    }

    private static String string(ByteBuf frame) {
        int length = frame.readUnsignedShort();
        if (length > MAX_STRING_BYTES) {
            throw new CorruptedFrameException("string of " + length + " bytes in a frame; at most " + MAX_STRING_BYTES);
        }
        if (length > frame.readableBytes()) {
            throw new CorruptedFrameException("string of " + length + " bytes but " + frame.readableBytes() + " left in the frame");
        }
        String value = frame.toString(frame.readerIndex(), length, StandardCharsets.UTF_8);
        frame.skipBytes(length);
        return value;
    }

    private static Frame.NameSync nameSync(ByteBuf frame) {
        int part = frame.readUnsignedByte();
        if ((part & ~3) != 0) {
            throw new CorruptedFrameException("NameSync part flags " + part + "; only bits 0 (first) and 1 (last) exist");
        }
        int count = count(frame, 8 + 2 + 1, "NameSync");
        List<Frame.Claim> claims = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            claims.add(new Frame.Claim(frame.readLong(), name(frame)));
        }
        return new Frame.NameSync((part & 1) != 0, (part & 2) != 0, claims);
    }

    private static Frame.NameChanges nameChanges(ByteBuf frame) {
        int count = count(frame, 1 + 8 + 2 + 1, "NameChanges");
        if (count == 0) {
            throw new CorruptedFrameException("NameChanges with no change in it");
        }
        List<Frame.Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int change = frame.readUnsignedByte();
            if (change > 1) {
                throw new CorruptedFrameException("NameChanges entry of kind " + change + "; 1 is a claim, 0 a release");
            }
            changes.add(new Frame.Change(change == 1, frame.readLong(), name(frame)));
        }
        return new Frame.NameChanges(changes);
    }

    /** A u32 count of entries of at least {@code minEntry} bytes, checked against what is left before anything is allocated. */
    private static int count(ByteBuf frame, int minEntry, String what) {
        long count = frame.readUnsignedInt();
        if (count * minEntry > frame.readableBytes()) {
            throw new CorruptedFrameException(what + " declares " + count + " names but only " + frame.readableBytes()
                    + " bytes remain in the frame");
        }
        return (int) count;
    }

    /** A name: 1 to {@link Frame#MAX_NAME_BYTES} bytes of well-formed UTF-8. */
    private static String name(ByteBuf frame) {
        int length = frame.readUnsignedShort();
        if (length == 0 || length > Frame.MAX_NAME_BYTES) {
            throw new CorruptedFrameException("name of " + length + " bytes; names have 1 to " + Frame.MAX_NAME_BYTES);
        }
        if (length > frame.readableBytes()) {
            throw new CorruptedFrameException("name of " + length + " bytes but " + frame.readableBytes() + " left in the frame");
        }
        int start = frame.readerIndex();
        frame.skipBytes(length);
        if (frame.forEachByte(start, length, WHILE_ASCII) < 0) {
            return frame.toString(start, length, StandardCharsets.US_ASCII); // the common case
        }
        ByteBuffer bytes = frame.nioBuffer(start, length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString(); // reports malformed input
        } catch (CharacterCodingException e) {
            throw new CorruptedFrameException("name is not well-formed UTF-8");
        }
    }

    private static byte[] rest(ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }
}
