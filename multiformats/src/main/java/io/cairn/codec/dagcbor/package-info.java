/**
 * Strict, canonical DAG-CBOR ({@link io.cairn.codec.dagcbor.DagCbor}) and the mapping between decoded
 * data-model values and Java records ({@link io.cairn.codec.dagcbor.ValueMapper}). Hand-written: no Java
 * CBOR library enforces DAG-CBOR's canonical rules on decode.
 */
package io.cairn.codec.dagcbor;
