package io.jreign.testkit.check;

/**
 * One message as a checker sees it: who sent it to whom, and its number in the sender's stream to
 * that receiver (0, 1, 2, ...).
 */
public record Delivery(Object sender, Object receiver, long seq) {}
