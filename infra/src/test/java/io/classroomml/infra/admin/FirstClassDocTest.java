package io.classroomml.infra.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.infra.RepoRoot;
import io.classroomml.testing.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Every command of docs/first-class.md is exercised: {@code scripts/classroom} and {@code
 * scripts/deploy} lines are parsed by the real command line, and run where they call nothing (dry
 * run) or only read (preflight, against {@link FakeAws}); the other scripts' options must be in
 * their usage.
 */
class FirstClassDocTest {

  private static Path root() {
    return RepoRoot.path();
  }

  /** The lines of the page's bash blocks. */
  static List<String> commands() throws Exception {
    List<String> commands = new ArrayList<>();
    boolean inBash = false;
    for (String line : Files.readAllLines(root().resolve("docs/first-class.md"))) {
      if (line.startsWith("```")) {
        inBash = !inBash && line.equals("```bash");
        continue;
      }
      if (inBash && !line.isBlank() && !line.startsWith("#")) {
        commands.add(line.strip());
      }
    }
    return commands;
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ClassroomCli.Wiring wiring(FakeAws aws) {
    return new ClassroomCli.Wiring(
        profile -> aws.clients(),
        profile -> Optional.of("us-east-1"),
        profile ->
            (step, command) -> {
              throw new AssertionError("the page's commands run nothing: " + command);
            },
        root(),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(120)
  void everyCommandOnThePage_isParsedOrRun() throws Exception {
    Set<String> programs = new LinkedHashSet<>();
    for (String line : commands()) {
      List<String> words = List.of(line.split("\\s+"));
      String program = words.get(0);
      programs.add(program);
      List<String> args = new ArrayList<>(words.subList(1, words.size()));
      switch (program) {
        case "scripts/classroom" -> classroom(line, args);
        case "scripts/deploy" -> {
          // As scripts/deploy does: -c and --profile before the verb.
          List<String> cli = new ArrayList<>();
          List<String> verb = new ArrayList<>(List.of("deploy"));
          for (int i = 0; i < args.size(); i++) {
            if (List.of("-c", "--context", "--profile").contains(args.get(i))) {
              cli.add(args.get(i));
              cli.add(args.get(++i));
            } else {
              verb.add(args.get(i));
            }
          }
          cli.addAll(verb);
          classroom(line, cli);
        }
        case "scripts/cost-estimate", "scripts/destroy" -> usageNames(line, program, args);
        default -> throw new AssertionError("a command this test does not know: " + line);
      }
    }
    assertThat(programs)
        .contains(
            "scripts/classroom", "scripts/deploy", "scripts/cost-estimate", "scripts/destroy");
  }

  private void classroom(String line, List<String> args) {
    FakeAws aws = FakeAws.readyAccount();
    String[] argv = args.toArray(String[]::new);
    if (args.contains("--dry-run")
        || List.of(List.of("preflight"), List.of("status"), List.of("verify-teardown"))
            .contains(args)) {
      int status =
          ClassroomCli.execute(
              wiring(aws), new PrintStream(err, true, StandardCharsets.UTF_8), argv);
      assertThat(status).as(line + "\n" + out + err).isZero();
      assertThat(aws.problems).as(line).isEmpty();
      if (args.contains("--dry-run")) {
        assertThat(aws.requests).as(line + " calls nothing").isEmpty();
      }
    } else {
      new CommandLine(new ClassroomCli(wiring(aws))).parseArgs(argv);
    }
  }

  /** The script exists, answers --help at once, and lists every option the page gives it. */
  private static void usageNames(String line, String program, List<String> args) throws Exception {
    Path script = root().resolve(program);
    assertThat(script).as(line).isExecutable();
    Processes.Result help =
        Processes.run(List.of(script.toString(), "--help"), root(), Duration.ofSeconds(30));
    String usage = help.output();
    assertThat(help.exit()).as(line).isZero();
    for (String arg : args) {
      if (arg.startsWith("-")) {
        assertThat(usage).as(line).contains(arg);
      }
    }
  }
}
