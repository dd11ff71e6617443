/**
 * Erlang/OTP interoperability for jreign.
 *
 * <ul>
 *   <li>{@link io.jreign.otp.etf} — the Erlang external term format: a Java mapping of Erlang
 *       terms, a bounded decoder and an encoder whose bytes match {@code term_to_binary}.</li>
 *   <li>{@link io.jreign.otp.epmd} — the Erlang Port Mapper Daemon protocol: a client and an
 *       embedded server.</li>
 *   <li>{@link io.jreign.otp.dist} — the Erlang distribution protocol: handshake, framing,
 *       fragments, ticks, and {@link io.jreign.otp.dist.DistTransport}, a jreign transport.</li>
 *   <li>{@link io.jreign.otp.process} — links, monitors, exit signals and trap_exit over mailboxes.</li>
 *   <li>{@link io.jreign.otp.gen} — a gen_server behaviour that Erlang can call and that calls Erlang.</li>
 *   <li>{@link io.jreign.otp.global} — the node's part in Erlang's {@code global} name registry.</li>
 * </ul>
 * {@link io.jreign.otp.OtpNode} puts them together: a jreign node that is an Erlang node.
 */
package io.jreign.otp;
