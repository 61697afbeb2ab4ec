/** The dag-pb codec (PBNode/PBLink), used by UnixFS. */
package io.cairn.codec.dagpb;
