/**
 * jreign's cluster certificate authority as a library: make a CA ({@link
 * io.jreign.certtool.CertificateAuthority#create}), issue node certificates ({@link
 * io.jreign.certtool.CertificateAuthority#issue}), read and write them as PEM ({@link
 * io.jreign.certtool.CaDirectory}, {@link io.jreign.certtool.NodeDirectory}, {@link
 * io.jreign.certtool.ClusterDirectory}, with the cluster module's spec file {@link
 * io.jreign.certtool.ClusterSpecFile}), verify a node certificate ({@link
 * io.jreign.certtool.CertificateVerifier}) and read a node's identity out of its certificate
 * ({@link io.jreign.certtool.NodeIdentity}).
 *
 * <p>The identity of node {@code NAME} is the URI subjectAltName {@code jreign://node/NAME};
 * the subject CN repeats the name. Every failure caused by input is a {@link
 * io.jreign.certtool.CertToolException} whose message names the file or argument.
 */
package io.jreign.certtool;
