/** CAR (content-addressed archives): CARv1 writing, CARv1/CARv2 reading, verified import and DAG export. */
package io.cairn.ipfs.car;
