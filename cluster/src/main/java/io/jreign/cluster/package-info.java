/**
 * The TLS cluster: mailbox {@link io.jreign.mailbox.Node}s on several machines, joined over
 * mutually verified TLS 1.3, so that every {@link io.jreign.mailbox.Address} is reachable from
 * every member.
 *
 * <ul>
 *   <li>{@link io.jreign.cluster.ClusterSpec}: the cluster's spec file (members, CA, certificates,
 *       serializer registrations, timeouts, limits), validated on load.</li>
 *   <li>{@link io.jreign.cluster.ClusterNode}: starts a member from the spec and its name; shares
 *       the node's names with the other members; adds, removes or reloads members while it runs;
 *       close leaves the cluster.</li>
 *   <li>{@link io.jreign.cluster.Serializer}: how messages cross the wire;
 *       {@link io.jreign.cluster.KryoSerializer} is the default.</li>
 * </ul>
 * Classes in {@code io.jreign.cluster.internal} and below are not API: do not import them.
 */
package io.jreign.cluster;
