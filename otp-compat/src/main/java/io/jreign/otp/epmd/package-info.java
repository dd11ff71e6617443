/**
 * EPMD, the Erlang Port Mapper Daemon: {@link io.jreign.otp.epmd.EpmdClient} registers a node and
 * looks others up; {@link io.jreign.otp.epmd.EpmdServer} is an embedded EPMD for when none runs.
 * {@link io.jreign.otp.epmd.EpmdConfig} honours {@code ERL_EPMD_PORT}.
 */
package io.jreign.otp.epmd;
