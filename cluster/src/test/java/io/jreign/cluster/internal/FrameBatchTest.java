package io.jreign.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A drain's frames go out as one buffer, each frame whole, in order, decodable as if written one by one. */
class FrameBatchTest {
    private static final int MAX = 64 * 1024;

    @Test
    void framesOfOneBatchLeaveAsOneBufferAndDecodeInOrder() {
        EmbeddedChannel out = new EmbeddedChannel();
        FrameBatch batch = new FrameBatch(out, MAX);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            frames.add(new Frame.Send(7, i, new byte[] {(byte) i, 1, 2}));
        }
        frames.add(new Frame.NameChanges(List.of(new Frame.Change(true, 5, "echo"))));
        frames.add(new Frame.Watch(7, 1, 2));
        frames.forEach(batch::add);
        assertNull(out.readOutbound(), "nothing is written before the flush");
        batch.flush();
        ByteBuf written = out.readOutbound();
        assertNull(out.readOutbound(), "one buffer for the whole batch");
        long expected = frames.stream().mapToLong(frame -> 4 + frame.size()).sum();
        assertEquals(expected, written.readableBytes());
        assertEquals(expected, batch.bytes());
        assertEquals(frames.size(), assertDecodesTo(frames, written));
    }

    @Test
    void aFrameThatCannotBeEncodedLeavesTheBatchAsItWas() {
        EmbeddedChannel out = new EmbeddedChannel();
        FrameBatch batch = new FrameBatch(out, MAX);
        Frame before = new Frame.Send(1, 2, new byte[] {3});
        Frame after = new Frame.Watch(1, 2, 3);
        batch.add(before);
        Frame tooLong = new Frame.Reject("x".repeat(FrameDecoder.MAX_STRING_BYTES + 1));
        assertThrows(IllegalArgumentException.class, () -> batch.add(tooLong));
        batch.add(after);
        batch.flush();
        assertDecodesTo(List.of(before, after), out.readOutbound());
    }

    @Test
    void aBatchPastTheFlushSizeIsFlushedAsItGrows() {
        EmbeddedChannel out = new EmbeddedChannel();
        int flushEvery = 10_000;
        FrameBatch batch = new FrameBatch(out, flushEvery);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Frame frame = new Frame.Send(1, i, new byte[1000]);
            frames.add(frame);
            batch.add(frame);
        }
        List<ByteBuf> early = drainOutbound(out);
        assertEquals(2, early.size(), "two buffers reached the flush size before the drain ended");
        early.forEach(buffer -> assertEquals(10 * (4 + 1013), buffer.readableBytes()));
        batch.flush();
        List<ByteBuf> all = new ArrayList<>(early);
        all.addAll(drainOutbound(out));
        assertEquals(3, all.size());
        int decoded = 0;
        for (ByteBuf buffer : all) {
            decoded += assertDecodesTo(frames.subList(decoded, frames.size()), buffer);
        }
        assertEquals(frames.size(), decoded);
    }

    @Test
    void discardReleasesWhatWasNotWritten() {
        EmbeddedChannel out = new EmbeddedChannel();
        FrameBatch batch = new FrameBatch(out, MAX);
        batch.add(Frame.Heartbeat.INSTANCE);
        batch.discard();
        batch.flush();
        assertNull(out.readOutbound(), "a discarded batch writes nothing");
    }

    private static List<ByteBuf> drainOutbound(EmbeddedChannel channel) {
        List<ByteBuf> buffers = new ArrayList<>();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
            buffers.add(buffer);
        }
        return buffers;
    }

    /** Decodes {@code bytes} (releasing it); its frames are the first of {@code expected}; returns how many. */
    private static int assertDecodesTo(List<Frame> expected, ByteBuf bytes) {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(MAX));
        in.writeInbound(bytes);
        int i = 0;
        for (Frame got; (got = in.readInbound()) != null; i++) {
            Frame want = expected.get(i);
            if (want instanceof Frame.Send send) {
                Frame.Send sent = assertInstanceOf(Frame.Send.class, got);
                assertEquals(send.targetId(), sent.targetId());
                assertEquals(send.targetIncarnation(), sent.targetIncarnation());
                assertArrayEquals(send.payload(), sent.payload());
            } else {
                assertEquals(want, got);
            }
        }
        in.finishAndReleaseAll();
        return i;
    }
}
