package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReaderTest {
    @Test
    void everyLineBecomesACommandInOrderAndTheEndOfInputQuits() throws IOException {
        try (Node node = Node.start("console-test"); Mailbox chatter = node.newMailbox()) {
            new ConsoleReader(new StringReader("hello\r\n/who\n\nlast line without newline")).sendAll(chatter.address());
            List<Object> received = new ArrayList<>();
            while (chatter.size() > 0) {
                received.add(chatter.receive(Duration.ZERO).orElseThrow());
            }
            assertEquals(List.of(new Command.Say("hello"), new Command.Who(), new Command.Blank(),
                    new Command.Say("last line without newline"), new Command.Quit()), received);
        }
    }

    @Test
    void nothingIsSentAfterQuit() throws IOException {
        try (Node node = Node.start("console-test"); Mailbox chatter = node.newMailbox()) {
            new ConsoleReader(new StringReader("/quit\nnot sent\n")).sendAll(chatter.address());
            assertEquals(new Command.Quit(), chatter.receive(Duration.ZERO).orElseThrow());
            assertEquals(0, chatter.size());
        }
    }

    @Test
    void aHugeLineIsRefusedWithItsLengthWithoutHoldingIt() throws IOException {
        long length = 20L * 1024 * 1024; // 20 M characters, streamed: never held in memory
        ConsoleReader reader = new ConsoleReader(new RepeatingReader(length, "\nafter\n"));
        assertEquals(new Command.Invalid("line too long (20971520 characters, at most 2000); not sent"), reader.next());
        assertEquals(new Command.Say("after"), reader.next());
        assertEquals(new Command.Quit(), reader.next());
    }

    @Test
    void aCarriageReturnIsPartOfTheLimitOnlyWhenItEndsTheLine() throws IOException {
        String longest = "c".repeat(Command.MAX_LINE);
        ConsoleReader reader = new ConsoleReader(new StringReader(longest + "\r\n" + longest + "cc\r\n"));
        assertEquals(new Command.Say(longest), reader.next());
        assertEquals(new Command.Invalid("line too long (2002 characters, at most 2000); not sent"), reader.next());
    }

    /** {@code count} times 'x', then {@code tail}. */
    private static final class RepeatingReader extends Reader {
        private long left;
        private final StringReader tail;

        RepeatingReader(long count, String tail) {
            this.left = count;
            this.tail = new StringReader(tail);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return tail.read(buffer, offset, length);
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, 'x');
            left -= n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
