/** Strict, canonical DAG-CBOR. Hand-written: no Java CBOR library enforces DAG-CBOR's canonical rules on decode. */
package io.cairn.codec.dagcbor;
