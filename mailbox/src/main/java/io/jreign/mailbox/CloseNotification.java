package io.jreign.mailbox;

/**
 * The message a watcher receives, exactly once, when a mailbox it watches closes.
 *
 * @param closed the address that closed
 * @param reason why: {@link Reason#NORMAL} for a normal close, {@link Reason#NO_CONNECTION} when its
 *               node was lost, {@link Reason#NO_PROC} when it did not exist, the exception a spawned
 *               process threw, or whatever object was passed to {@link Mailbox#close(Object)}
 * @see Address#onCloseNotify(Address)
 */
public record CloseNotification(Address closed, Object reason) {}
