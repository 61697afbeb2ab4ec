/** Protobuf wire-format primitives shared by the dag-pb codec and the UnixFS data message. */
package io.cairn.codec.protobuf;
