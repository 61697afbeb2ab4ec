/** Cairn's exception hierarchy: every error a caller can see is a {@link io.cairn.error.CairnException}. */
package io.cairn.error;
