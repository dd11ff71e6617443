package io.jreign.chat;

import java.util.Locale;

/**
 * What a line typed at the console asks for. The console process parses each line and sends the
 * command to the {@link Chatter} of its node (a local message, never on the wire).
 */
public sealed interface Command {
    /** The longest line that is sent, in characters; longer lines are refused, not cut. */
    int MAX_LINE = 2000;

    /** Say {@code text} to everyone online. */
    record Say(String text) implements Command {}

    /** List who is online. */
    record Who() implements Command {}

    /** Show the commands. */
    record Help() implements Command {}

    /** Leave the chat and stop the node. */
    record Quit() implements Command {}

    /** A blank line: nothing to do. */
    record Blank() implements Command {}

    /** A line that cannot be sent; {@code problem} says why, for the console. */
    record Invalid(String problem) implements Command {}

    /**
     * Parses one typed line: {@code /who}, {@code /help}, {@code /quit} (case-insensitive, surrounding
     * blanks ignored), anything else starting with {@code /} is an unknown command, a blank line is
     * {@link Blank}, the rest is said as typed. {@code //text} says {@code /text}.
     */
    static Command parse(String line) {
        if (line.isBlank()) {
            return new Blank();
        }
        if (line.length() > MAX_LINE) {
            return new Invalid(tooLong(line.length()));
        }
        String trimmed = line.strip();
        if (trimmed.startsWith("//")) {
            return new Say(trimmed.substring(1));
        }
        if (!trimmed.startsWith("/")) {
            return new Say(line);
        }
        String word = trimmed.split("\\s+", 2)[0];
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "/who" -> new Who();
            case "/help" -> new Help();
            case "/quit", "/exit" -> new Quit();
            default -> new Invalid("unknown command " + ChatText.clean(word) + "; " + ChatText.COMMANDS);
        };
    }

    /** Why a line of {@code length} characters is not sent. */
    static String tooLong(long length) {
        return "line too long (" + length + " characters, at most " + MAX_LINE + "); not sent";
    }
}
