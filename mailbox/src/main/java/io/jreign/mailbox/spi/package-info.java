/**
 * The seams between the mailbox core and the world: {@link io.jreign.mailbox.spi.Transport} (how a
 * node reaches others: the TLS cluster, Erlang distribution, the simulated network),
 * {@link io.jreign.mailbox.spi.Clock} (time and timers), {@link io.jreign.mailbox.spi.Scheduler}
 * (where processes run and how they wait) and {@link io.jreign.mailbox.spi.Entropy} (every random
 * choice). Production implementations come from the static factories; the testkit has simulated
 * ones.
 */
package io.jreign.mailbox.spi;
