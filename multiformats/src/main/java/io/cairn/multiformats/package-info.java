/**
 * The multiformats vocabulary: {@link io.cairn.multiformats.Cid}, {@link io.cairn.multiformats.Multihash},
 * {@link io.cairn.multiformats.Multibase}, {@link io.cairn.multiformats.Multicodec} and
 * {@link io.cairn.multiformats.Varint}. Immutable values; parse at the edge, pass typed values inside.
 */
package io.cairn.multiformats;
