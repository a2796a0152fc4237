package io.classroomml.e2e.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user commands in scripts/: help and argument mistakes are answered at once, before anything
 * is built (a build takes minutes; these get a few seconds).
 */
@Timeout(120)
class ScriptsTest {

  /** The project root (surefire runs in {@code test/}). */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Duration QUICK = Duration.ofSeconds(30);

  static Stream<String> scripts() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("scripts"))) {
      return files
          .filter(f -> Files.isRegularFile(f) && Files.isExecutable(f))
          .filter(f -> !f.getFileName().toString().contains("."))
          .map(f -> f.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Processes.Result run(String script, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(ROOT.resolve("scripts").resolve(script).toString()));
    command.addAll(List.of(args));
    return Processes.run(command, ROOT, QUICK);
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void help_isPrintedAtOnceAndBuildsNothing(String script) throws Exception {
    Processes.Result help = run(script, "--help");

    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(help.output()).as(script).isNotBlank().doesNotContain("== build", "[INFO]");
  }

  @Test
  void bench_anUnknownName_failsBeforeAnyBenchmarkRuns() throws Exception {
    Processes.Result result = run("bench", "synth", "nosuch");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output())
        .contains("no benchmark named 'nosuch'", "training serve synth local images")
        .doesNotContain("=== bench");
  }

  @Test
  void buildImages_anOptionWithoutItsValue_isAUsageError() throws Exception {
    Processes.Result result = run("build-images", "--training");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output()).contains("--training needs a value").doesNotContain("unbound");
  }

  @Test
  void buildImages_anUnknownFlavour_isAUsageError() throws Exception {
    Processes.Result result = run("build-images", "--inference", "tpu");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output()).contains("flavour must be cpu or gpu, got 'tpu'");
  }

  @Test
  void destroy_withoutStudents_isAUsageError() throws Exception {
    Processes.Result result = run("destroy");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output()).contains("name the students to destroy, or --all");
  }

  @Test
  void benchImages_pingRunsMustBeACount() throws Exception {
    Processes.Result result = run("bench-images", "0");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.output()).contains("ping-runs must be a whole number of at least 1");
  }
}
