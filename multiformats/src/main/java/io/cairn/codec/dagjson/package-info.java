/** DAG-JSON, the JSON form of the IPLD data model. */
package io.cairn.codec.dagjson;
