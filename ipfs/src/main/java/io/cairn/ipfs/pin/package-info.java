/** Pins, as Kubo has them: recursive, direct and (computed) indirect. */
package io.cairn.ipfs.pin;
