package io.classroomml.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessesTest {

  @TempDir Path dir;

  @Test
  void run_returnsTheExitCodeAndBothStreams() throws Exception {
    Processes.Result result =
        Processes.run(
            List.of("sh", "-c", "echo out; echo err >&2; exit 3"), dir, Duration.ofSeconds(30));

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.output()).contains("out", "err");
  }

  @Test
  void run_aChildThatKeepsItsOutputOpen_isKilledAtTheTimeout() {
    // The grandchild holds stdout open for a minute: reading a pipe to its end would wait for it.
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                Processes.run(
                    List.of("sh", "-c", "echo started; sleep 60 & sleep 60"),
                    dir,
                    Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not finish in 1 s and was killed")
        .hasMessageContaining("started");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void run_killsTheWholeTreeOnTimeout() throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");

    assertThatThrownBy(
            () ->
                Processes.run(
                    List.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"),
                    dir,
                    Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class);

    long grandchild = Long.parseLong(Files.readString(pidFile).trim());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (running(grandchild) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(running(grandchild)).as("grandchild %d still running", grandchild).isFalse();
  }

  /** Alive and not a zombie (a killed orphan stays one where nothing reaps it). */
  private static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    char state = text.charAt(text.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  @Test
  void check_aFailingCommand_isAnErrorCarryingItsOutput() {
    assertThatThrownBy(
            () ->
                Processes.check(
                    List.of("sh", "-c", "echo why; exit 1"), dir, Duration.ofSeconds(30)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited 1")
        .hasMessageContaining("why");
  }

  @Test
  void onPath_findsShButNotANameThatDoesNotExist() {
    assertThat(Processes.onPath("sh")).isTrue();
    assertThat(Processes.onPath("no-such-program-classroom")).isFalse();
  }
}
