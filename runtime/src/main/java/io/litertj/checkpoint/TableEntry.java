package io.litertj.checkpoint;

/** One key/value pair of a table, both copied out of the file. */
record TableEntry(byte[] key, byte[] value) {}
