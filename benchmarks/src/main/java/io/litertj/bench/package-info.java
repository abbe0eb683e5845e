/** Benchmarks of conversion speed and memory; run them with {@code scripts/bench}. */
package io.litertj.bench;
