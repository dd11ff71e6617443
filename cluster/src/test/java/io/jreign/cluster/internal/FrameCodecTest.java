package io.jreign.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame layout drawn on {@link FrameDecoder}: every frame round-trips; malformed ones are refused. */
class FrameCodecTest {
    private static final int MAX = 64 * 1024;

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new FrameDecoder(MAX), FrameEncoder.INSTANCE);
    }

    @Test
    void everyFrameRoundTrips() {
        List<Frame> frames = List.of(
                new Frame.Hello(Frame.VERSION, "cluster", "node-a", 0xFFFF_FFFFL, "kryo-5:abc"),
                new Frame.Reject("no"), Frame.Heartbeat.INSTANCE,
                new Frame.Send(3_000_000_000L, Long.MAX_VALUE, new byte[] {1, 2, 3}),
                new Frame.Watch(1, 2, 3), new Frame.Unwatch(4, 5, 6),
                new Frame.Closed(7, 8, 9, new byte[] {4}), Frame.Leave.INSTANCE,
                new Frame.NameSync(true, false, List.of(new Frame.Claim(1, "a"), new Frame.Claim(-1, "ü".repeat(127)))),
                new Frame.NameSync(false, true, List.of()),
                new Frame.NameChanges(List.of(new Frame.Change(true, 1, "x"), new Frame.Change(false, Long.MAX_VALUE, "y"))));
        EmbeddedChannel out = channel();
        EmbeddedChannel in = channel();
        for (Frame frame : frames) {
            assertTrue(out.writeOutbound(frame));
            ByteBuf bytes = out.readOutbound();
            assertEquals(4 + frame.size(), bytes.readableBytes(), "size() of " + frame);
            in.writeInbound(bytes);
            Frame back = in.readInbound();
            if (frame instanceof Frame.Send send) {
                Frame.Send got = assertInstanceOf(Frame.Send.class, back);
                assertEquals(send.targetIncarnation(), got.targetIncarnation());
                assertEquals(send.targetId(), got.targetId());
                assertArrayEquals(send.payload(), got.payload());
            } else if (frame instanceof Frame.Closed closed) {
                Frame.Closed got = assertInstanceOf(Frame.Closed.class, back);
                assertArrayEquals(closed.reason(), got.reason());
                assertEquals(closed.watcherIncarnation(), got.watcherIncarnation());
            } else {
                assertEquals(frame, back);
            }
        }
    }

    @Test
    void aLengthPrefixOverTheLimitIsRefusedAsSoonAsItIsRead() {
        EmbeddedChannel in = channel();
        DecoderException e = assertThrows(DecoderException.class,
                () -> in.writeInbound(Unpooled.buffer().writeInt(MAX + 1).writeByte(Frame.HEARTBEAT)));
        assertInstanceOf(TooLongFrameException.class, e);
        EmbeddedChannel huge = channel();
        assertThrows(DecoderException.class, () -> huge.writeInbound(Unpooled.buffer().writeInt(-1)));
    }

    @Test
    void malformedFramesAreRefused() {
        List<ByteBuf> bad = List.of(
                Unpooled.buffer().writeInt(0),                                  // empty frame
                Unpooled.buffer().writeInt(1).writeByte(99),                    // unknown type
                Unpooled.buffer().writeInt(2).writeByte(Frame.HEARTBEAT).writeByte(0), // left over
                Unpooled.buffer().writeInt(5).writeByte(Frame.WATCH).writeInt(1),      // body too short
                Unpooled.buffer().writeInt(3).writeByte(Frame.REJECT).writeShort(5000)); // string too long
        for (ByteBuf frame : bad) {
            EmbeddedChannel in = channel();
            assertThrows(DecoderException.class, () -> in.writeInbound(frame));
        }
    }

    @Test
    void aConnectionEndingInsideAFrameIsReported() {
        EmbeddedChannel in = channel();
        in.writeInbound(Unpooled.buffer().writeInt(100).writeByte(Frame.SEND).writeInt(1));
        DecoderException e = assertThrows(DecoderException.class, in::finish);
        assertInstanceOf(CorruptedFrameException.class, e.getCause() instanceof CorruptedFrameException ? e.getCause() : e);
        assertTrue(String.valueOf(e.getMessage()).contains("ended inside a frame"), e.getMessage());
    }
}
