package io.jreign.cluster;

/**
 * Stands in for a close reason that the serializer cannot carry, typically the exception a remote
 * process died of: a watcher on another node receives a {@link io.jreign.mailbox.CloseNotification}
 * whose reason is this record instead.
 *
 * @param type    the reason's class name, e.g. {@code java.lang.IllegalStateException}
 * @param message its {@link Throwable#getMessage()} for exceptions, else its {@code toString()}; may be null
 */
public record RemoteFailure(String type, String message) {

    /** Describes {@code reason}. */
    public static RemoteFailure of(Object reason) {
        String text = reason instanceof Throwable failure ? failure.getMessage() : String.valueOf(reason);
        if (text != null && text.length() > 1_000) {
            text = text.substring(0, 1_000) + "...";
        }
        return new RemoteFailure(reason.getClass().getName(), text);
    }
}
