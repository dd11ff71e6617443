package io.jreign.bench;

import io.jreign.mailbox.Address;

/**
 * Tells a driven process to do {@code ops} operations and then send {@link Signal#DONE} to
 * {@code reportTo}. One JMH invocation is one batch, so the benchmark thread (a platform thread)
 * wakes once per batch, not once per operation, and what is timed is process-to-process messaging.
 */
record Batch(int ops, Address reportTo) {}
