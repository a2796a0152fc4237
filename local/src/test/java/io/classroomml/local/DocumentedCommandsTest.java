package io.classroomml.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.classroomml.contract.tuning.Strategy;
import io.classroomml.runtime.client.InvokeCommand;
import io.classroomml.testing.DocumentedCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every {@code scripts/local …} and {@code scripts/local-run …} command line in README.md and docs/
 * parses with the command line the code declares. A placeholder in the docs ({@code N}, {@code
 * DIR}, {@code K=V}) must be the option's own label, so the docs' synopses cannot drift from the
 * options either; {@code <…>} and {@code …} stand for any value.
 */
class DocumentedCommandsTest {

  /** The project root (surefire runs in {@code local/}). */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Pattern COMMAND = Pattern.compile("^(?:\\$\\s+)?scripts/local(-run)?\\b");

  @Test
  void everyDocumentedCommandLine_parses() throws IOException {
    List<DocumentedCommands.Line> found = DocumentedCommands.find(ROOT, COMMAND);
    assertThat(found).as("command lines found in the docs").hasSizeGreaterThan(15);

    for (DocumentedCommands.Line d : found) {
      assertThatCode(() -> parse(d.line()))
          .as("%s: %s", d.where(), d.line())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aDocumentedPlaceholderThatIsNotTheOptionsLabel_isCaught() {
    assertThatCode(() -> parse("scripts/local train --name JOB --data DIR"))
        .hasMessageContaining("--name")
        .hasMessageContaining("'N'");
    assertThatCode(() -> parse("scripts/local train --nmae N"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatCode(() -> parse("scripts/local invoke --endpont classroom a.png"))
        .as("invoke's arguments, checked by the runtime client's parser")
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void usage_isGeneratedFromTheOptions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        LocalCli.commandLine(
                new LocalCli.Context(
                    null,
                    null,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(PrintStream.nullOutputStream())))
            .execute("help", "train");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--name=N", "--data=DIR", "--hp=K=V", "--max-runtime=S", "--target=T");
  }

  /** The args {@code line} stands for, parsed; throws on anything the command line refuses. */
  private static void parse(String line) {
    List<String> tokens = tokens(line);
    if (tokens.stream().allMatch(DocumentedCommands::isRepeatMark)) {
      return; // the program named in prose ("scripts/local ..."), not a command line
    }
    CommandLine cli =
        LocalCli.commandLine(
            new LocalCli.Context(
                null,
                null,
                new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream())));
    List<String> args = new ArrayList<>();
    if (!tokens.isEmpty()) {
      CommandLine verb = cli.getSubcommands().get(tokens.get(0));
      args.add(tokens.get(0));
      if (verb != null) {
        args.addAll(concrete(verb.getCommandSpec(), tokens.subList(1, tokens.size())));
      } else {
        args.addAll(tokens.subList(1, tokens.size()));
      }
    }
    cli.parseArgs(args.toArray(String[]::new));
  }

  /** {@code scripts/local-run X} is {@code run X}; brackets, repeat marks and comments go. */
  static List<String> tokens(String line) {
    List<String> words = new ArrayList<>(DocumentedCommands.words(line));
    String program = words.remove(0);
    if (program.equals("scripts/local-run")) {
      words.add(0, "run");
    }
    return words;
  }

  /** Placeholders checked against the options' labels, then replaced by values of their type. */
  private static List<String> concrete(CommandSpec verb, List<String> tokens) {
    if (verb.parser().unmatchedOptionsArePositionalParams()) {
      // invoke hands its arguments to the runtime client's own parser: they must parse there
      List<String> passed = tokens.stream().filter(t -> !isRepeatMark(t)).toList();
      PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
      CommandLine invoke = InvokeCommand.commandLine(nowhere, nowhere);
      invoke.parseArgs(
          DocumentedCommands.concrete(
                  invoke.getCommandSpec(), AwsTarget.invokeArgs(passed), DocumentedCommands::sample)
              .toArray(String[]::new));
      return passed;
    }
    return DocumentedCommands.concrete(verb, tokens, DocumentedCommandsTest::sample);
  }

  private static String sample(ArgSpec arg) {
    return arg.type() == Strategy.class
        ? Strategy.values()[0].apiName()
        : DocumentedCommands.sample(arg);
  }

  private static boolean isRepeatMark(String token) {
    return DocumentedCommands.isRepeatMark(token);
  }
}
