/** IPLD codecs: DAG-CBOR, dag-pb and DAG-JSON. Decoders are strict and throw only {@link io.cairn.codec.CodecException}. */
package io.cairn.codec;
