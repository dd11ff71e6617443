/**
 * Erlang/OTP interoperability for jreign.
 *
 * <ul>
 *   <li>{@link io.jreign.otp.etf} — the Erlang external term format: a Java mapping of Erlang
 *       terms, a bounded decoder and an encoder whose bytes match {@code term_to_binary}.</li>
 *   <li>{@link io.jreign.otp.epmd} — the Erlang Port Mapper Daemon protocol: a client and an
 *       embedded server.</li>
 * </ul>
 * The Erlang distribution protocol builds on both.
 */
package io.jreign.otp;
