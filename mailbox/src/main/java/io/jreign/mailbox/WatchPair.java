package io.jreign.mailbox;

/** One watch: {@code watcher} is told when {@code target} closes. */
record WatchPair(Address target, Address watcher) {}
