/** {@code sample-chat/bin/chat-demo}: two chat nodes in two JVMs, driven by a script, for a first look. */
package io.jreign.chat.demo;
