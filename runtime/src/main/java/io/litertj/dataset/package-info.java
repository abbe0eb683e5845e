/**
 * Representative datasets: a small NumPy {@code .npy}/{@code .npz} reader and samples as an
 * {@code Iterable<Map<String, NdArray>>} (input name → one sample with a leading batch of 1).
 */
package io.litertj.dataset;
