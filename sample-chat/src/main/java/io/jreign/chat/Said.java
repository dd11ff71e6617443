package io.jreign.chat;

import io.jreign.mailbox.Address;
import java.io.Serializable;

/**
 * A line said in the chat, from one {@link Chatter} to another: the only message that crosses the
 * network. Kryo carries it (registered with {@code ClusterNode.builder(...).register(Said.class)}
 * on every node); the receiver shows it as {@code <node> text}, naming the node of {@code from}.
 * Serializable too, so the testkit's simulated network (Java serialization) carries it in tests.
 *
 * @param from the chatter that said it
 * @param text what was typed, at most {@link Command#MAX_LINE} characters when sent by a chatter
 */
public record Said(Address from, String text) implements Serializable {}
