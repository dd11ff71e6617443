package io.jreign.chat;

import io.jreign.mailbox.Address;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads the console line by line and sends each line, parsed into a {@link Command}, to the
 * chatter. The end of the input counts as {@code /quit}. A line is never kept in memory past
 * {@link Command#MAX_LINE} characters: a longer one becomes one {@link Command.Invalid} saying how
 * long it was.
 */
final class ConsoleReader {
    private final Reader in;

    ConsoleReader(Reader in) {
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
    }

    /** Sends the chatter every command until {@code /quit} or the end of the input, in order. */
    void sendAll(Address chatter) throws IOException {
        Command command;
        do {
            command = next();
            chatter.send(command);
        } while (!(command instanceof Command.Quit));
    }

    /** The next line's command; {@link Command.Quit} at the end of the input. */
    Command next() throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        int last = -1;
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            length++;
            last = c;
            if (length <= Command.MAX_LINE + 1) {
                line.append((char) c);
            }
        }
        if (c == -1 && length == 0) {
            return new Command.Quit();
        }
        if (last == '\r') { // a CRLF line end
            length--;
            if (line.length() > length) {
                line.setLength((int) length);
            }
        }
        if (length > Command.MAX_LINE) {
            return new Command.Invalid(Command.tooLong(length));
        }
        return Command.parse(line.toString());
    }
}
