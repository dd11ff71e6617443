/**
 * The Erlang external term format: {@link io.jreign.otp.etf.Etf} and
 * {@link io.jreign.otp.etf.EtfCodec} encode Java values as erl's {@code term_to_binary} does and
 * decode its output within bounds; the value types ({@link io.jreign.otp.etf.Atom},
 * {@link io.jreign.otp.etf.Tuple}, {@link io.jreign.otp.etf.Binary}...) model the terms that have
 * no natural Java type. Pids map to {@link io.jreign.mailbox.Address} (see
 * {@link io.jreign.otp.etf.Pids}).
 */
package io.jreign.otp.etf;
