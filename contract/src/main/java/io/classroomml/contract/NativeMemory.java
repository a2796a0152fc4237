package io.classroomml.contract;

import java.util.Map;

/**
 * How the trainer's JVM should let glibc manage libtorch's native memory. libtorch frees and
 * reallocates activation-sized buffers (megabytes each) at every step; with glibc's defaults the
 * large ones are mapped and unmapped each time, or the heap top is trimmed and regrown, so every
 * step pays page faults and zeroing. Keeping them in the heap made a smallcnn step at batch 128 on
 * 2 cores 15–25 % faster (190 → 143 ms; tcmalloc gave the same, jemalloc was slower), at the price
 * of a resident set that stays at its peak, which a training job reaches at every step anyway (a
 * server's peak is a rare large request, so the inference image keeps glibc's defaults). The
 * training image sets this in its environment and local mode in the trainer's; glibc reads it at
 * process start, so it cannot be set from inside the JVM.
 */
public final class NativeMemory {

  /** The variable glibc reads its tunables from. */
  public static final String ENV = "GLIBC_TUNABLES";

  /**
   * Allocations up to 32 MiB (glibc's maximum) come from the heap, which is never trimmed below 4
   * GiB of free top and grows 256 MiB at a time.
   */
  public static final String TUNABLES =
      "glibc.malloc.mmap_threshold=33554432"
          + ":glibc.malloc.trim_threshold=4294967296"
          + ":glibc.malloc.top_pad=16777216";

  private NativeMemory() {}

  /** Prints {@link #TUNABLES}, for scripts that start the trainer themselves. */
  public static void main(String[] args) {
    System.out.println(TUNABLES);
  }

  /** Sets {@link #TUNABLES} in a child process's {@code environment} unless it has its own. */
  public static void apply(Map<String, String> environment) {
    environment.putIfAbsent(ENV, TUNABLES);
  }
}
