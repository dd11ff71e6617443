package io.jreign.chat;

import io.jreign.mailbox.Reason;
import java.util.List;
import java.util.StringJoiner;

/**
 * Every line the chat prints, in one place. Lines from the network are {@linkplain #clean cleaned}
 * first: another member is authenticated, not trusted to drive this terminal.
 */
public final class ChatText {
    /** The commands, as {@code /help} lists them. */
    public static final String COMMANDS = "commands: /who lists who is online, /help, /quit leaves";

    /** The longest text shown from another node; more is cut (a member may run other code). */
    static final int MAX_SHOWN = Command.MAX_LINE;

    private ChatText() {}

    /** A line someone said: {@code <2> hello}. */
    public static String said(String node, String text) {
        return "<" + clean(node) + "> " + clean(cut(text));
    }

    /** {@code *** 2 joined}. */
    public static String joined(String node) {
        return "*** " + clean(node) + " joined";
    }

    /**
     * {@code *** 2 left}, with why when it did not leave on purpose: {@code (connection lost)} for
     * a killed process or a broken network, or the close reason. A chatter that was gone before it
     * could be watched ({@code NO_PROC}) simply left.
     */
    public static String left(String node, Object reason) {
        String why = switch (reason) {
            case Reason.NORMAL, Reason.SHUTDOWN, Reason.NO_PROC -> ""; // NO_PROC: closed before the watch arrived
            case Reason.NO_CONNECTION -> " (connection lost)";
            case Reason r -> " (" + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
            case null -> "";
            default -> " (" + clean(cut(String.valueOf(reason))) + ")";
        };
        return "*** " + clean(node) + " left" + why;
    }

    /** {@code *** online: 1 (you), 2}. */
    public static String online(String self, List<String> others) {
        StringJoiner line = new StringJoiner(", ", "*** online: ", "");
        line.add(clean(self) + " (you)");
        others.forEach(other -> line.add(clean(other)));
        return line.toString();
    }

    /** What the console says about a command, e.g. an unknown one. */
    public static String notice(String text) {
        return "*** " + text;
    }

    /**
     * {@code text} safe to print: control characters (escape sequences, carriage returns, bells)
     * and the Unicode bidirectional overrides become {@code ?}.
     */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return text.substring(0, end) + "... (cut)";
    }
}
