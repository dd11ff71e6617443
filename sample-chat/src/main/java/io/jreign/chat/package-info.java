/**
 * A chat across the nodes of a jreign TLS cluster: the sample a newcomer runs first.
 *
 * <pre>
 *  terminal 1: sample-chat/bin/chat 1          terminal 2: sample-chat/bin/chat 2
 *
 *  stdin --&gt; ConsoleReader --Command--&gt; Chatter (registered as {@value io.jreign.chat.Chatter#NAME})
 *                                          |  Said(from, text), over TLS, Kryo-encoded
 *                                          v
 *                                       the other nodes' Chatters --&gt; stdout "&lt;1&gt; text"
 * </pre>
 *
 * <p>{@link io.jreign.chat.ChatMain} is the command line; {@link io.jreign.chat.ChatDirectory}
 * makes the cluster (CA, certificates, {@code cluster.json}) on the first run;
 * {@link io.jreign.chat.Chatter} is the process that chats; {@link io.jreign.chat.demo.ChatDemo}
 * runs two nodes in two JVMs and shows them talking.
 */
package io.jreign.chat;
