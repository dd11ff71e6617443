package io.jreign.mailbox;

/**
 * The code of a spawned process. It owns {@code self} for its whole life: returning closes the
 * mailbox with {@link Reason#NORMAL}; throwing closes it with the exception as reason.
 */
@FunctionalInterface
public interface ProcessBody {
    void run(Mailbox self) throws Exception;
}
