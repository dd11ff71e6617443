/**
 * Kryo support for {@link io.jreign.cluster.KryoSerializer}: the length-checking input and
 * serializers, and the serializers that keep addresses live. Not API: do not import.
 */
package io.jreign.cluster.internal.kryo;
