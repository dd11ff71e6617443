package io.jreign.cluster.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Frame}s in the layout drawn on {@link FrameDecoder}: length prefix, type, body. In
 * the pipeline it encodes the frames written one by one (handshake, heartbeats, Leave); a drain
 * encodes its frames with {@link #write} into one buffer ({@link FrameBatch}), which passes through.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        return ctx.alloc().ioBuffer(4 + frame.size());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        write(frame, out);
    }

    /** Appends {@code frame}, length prefix included, to {@code out}. */
    public static void write(Frame frame, ByteBuf out) {
        out.writeInt(frame.size());
        switch (frame) {
            case Frame.Hello hello -> {
                out.writeByte(Frame.HELLO);
                out.writeShort(hello.version());
                string(out, hello.cluster());
                string(out, hello.node());
                out.writeInt((int) hello.incarnation());
                string(out, hello.serializer());
            }
            case Frame.Reject reject -> {
                out.writeByte(Frame.REJECT);
                string(out, reject.reason());
            }
            case Frame.Heartbeat heartbeat -> out.writeByte(Frame.HEARTBEAT);
            case Frame.Send send -> {
                out.writeByte(Frame.SEND);
                out.writeInt((int) send.targetIncarnation());
                out.writeLong(send.targetId());
                out.writeBytes(send.payload());
            }
            case Frame.Watch watch -> {
                out.writeByte(Frame.WATCH);
                out.writeInt((int) watch.targetIncarnation());
                out.writeLong(watch.targetId());
                out.writeLong(watch.watcherId());
            }
            case Frame.Unwatch unwatch -> {
                out.writeByte(Frame.UNWATCH);
                out.writeInt((int) unwatch.targetIncarnation());
                out.writeLong(unwatch.targetId());
                out.writeLong(unwatch.watcherId());
            }
            case Frame.Closed closed -> {
                out.writeByte(Frame.CLOSED);
                out.writeLong(closed.targetId());
                out.writeInt((int) closed.watcherIncarnation());
                out.writeLong(closed.watcherId());
                out.writeBytes(closed.reason());
            }
            case Frame.Leave leave -> out.writeByte(Frame.LEAVE);
            case Frame.NameSync sync -> {
                out.writeByte(Frame.NAME_SYNC);
                out.writeByte((sync.first() ? 1 : 0) | (sync.last() ? 2 : 0));
                out.writeInt(sync.claims().size());
                for (Frame.Claim claim : sync.claims()) {
                    out.writeLong(claim.id());
                    string(out, claim.name());
                }
            }
            case Frame.NameChanges changes -> {
                out.writeByte(Frame.NAME_CHANGES);
                out.writeInt(changes.changes().size());
                for (Frame.Change change : changes.changes()) {
                    out.writeByte(change.claimed() ? 1 : 0);
                    out.writeLong(change.id());
                    string(out, change.name());
                }
            }
        }
    }

    private static void string(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > FrameDecoder.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes; at most " + FrameDecoder.MAX_STRING_BYTES);
        }
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }
}
