/** Writing files so that a failure never leaves a half-written one: {@link io.litertj.files.AtomicFiles}. */
package io.litertj.files;
