/**
 * Erlang-style processes for the JVM: {@link io.jreign.mailbox.Address} (a PID),
 * {@link io.jreign.mailbox.Mailbox} (receive, selective receive, marks, close with a reason) and
 * {@link io.jreign.mailbox.Node} (spawn, names, kill, routing). No dependency beyond the JDK.
 *
 * <p>Everything jreign does with time, threads, randomness and other nodes goes through the seams
 * in {@link io.jreign.mailbox.spi}, which the testkit replaces to make whole clusters deterministic.
 */
package io.jreign.mailbox;
