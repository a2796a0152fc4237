package io.classroomml.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.classroomml.testing.DocumentedCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every {@code scripts/invoke …} and {@code classroom-runtime-client.jar gateway|invoke …} command
 * line in README.md, docs/ and the synopsis in {@code scripts/invoke} parses with the command line
 * the code declares. A placeholder ({@code NAME}, {@code FILE}, {@code NAME=URL}) must be the
 * option's own label, so the synopses cannot drift from the options either.
 */
class DocumentedCommandsTest {

  /** The project root (surefire runs in {@code runtime-client/}). */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Pattern COMMAND =
      Pattern.compile(
          "^(?:\\$\\s+)?scripts/invoke\\b|classroom-runtime-client\\.jar\\s+(gateway|invoke)\\b");

  @Test
  void everyDocumentedCommandLine_parses() throws IOException {
    List<DocumentedCommands.Line> found = new ArrayList<>(DocumentedCommands.find(ROOT, COMMAND));
    found.addAll(scriptSynopsis());
    assertThat(found).as("command lines found").hasSizeGreaterThanOrEqualTo(3);

    for (DocumentedCommands.Line d : found) {
      assertThatCode(() -> parse(d.line()))
          .as("%s: %s", d.where(), d.line())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aDocumentedPlaceholderThatIsNotTheOptionsLabel_isCaught() {
    assertThatCode(() -> parse("scripts/invoke --endpoint ENDPOINT FILE"))
        .hasMessageContaining("--endpoint")
        .hasMessageContaining("'NAME'");
    assertThatCode(() -> parse("scripts/invoke --endpont classroom a.png"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void usage_isGeneratedFromTheOptions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(RuntimeMain.commandLine(print, print).execute("invoke", "--help")).isZero();
    assertThat(RuntimeMain.commandLine(print, print).execute("gateway", "--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--endpoint=NAME", "--endpoint-url=URL", "--top-k=K", "FILE...")
        .contains("--port=P", "--endpoint=NAME=URL");
  }

  @Test
  void badCommandLines_exit2_namingTheProblem() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(RuntimeMain.commandLine(print, print).execute()).isEqualTo(2);
    assertThat(RuntimeMain.commandLine(print, print).execute("invoke", "a.png")).isEqualTo(2);
    assertThat(RuntimeMain.commandLine(print, print).execute("gateway", "--port", "x"))
        .isEqualTo(2);
    assertThat(
            RuntimeMain.commandLine(print, print)
                .execute("gateway", "--endpoint", "bad_name=http://127.0.0.1:1"))
        .isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("name a command")
        .contains("--endpoint=NAME")
        .contains("'x' is not an int")
        .contains("endpoint name 'bad_name' is not valid");
  }

  /** The synopsis in scripts/invoke's header comment, continuation lines joined. */
  private static List<DocumentedCommands.Line> scriptSynopsis() throws IOException {
    List<DocumentedCommands.Line> found = new ArrayList<>();
    StringBuilder line = null;
    for (String text : Files.readAllLines(ROOT.resolve("scripts/invoke"))) {
      String comment = text.replaceFirst("^#\\s*", "");
      if (line == null && comment.startsWith("scripts/invoke ")) {
        line = new StringBuilder();
      }
      if (line != null) {
        line.append(comment.replaceFirst("\\\\$", "")).append(' ');
        if (!comment.endsWith("\\")) {
          found.add(new DocumentedCommands.Line("scripts/invoke", line.toString().trim()));
          line = null;
        }
      }
    }
    return found;
  }

  /** The args {@code line} stands for, parsed; throws on anything the command line refuses. */
  private static void parse(String line) {
    List<String> words = DocumentedCommands.words(line);
    int program = words.indexOf("scripts/invoke");
    List<String> args = new ArrayList<>();
    if (program >= 0) {
      args.add("invoke");
      args.addAll(words.subList(program + 1, words.size()));
    } else {
      int command = Math.max(words.indexOf("gateway"), words.indexOf("invoke"));
      args.addAll(words.subList(command, words.size()));
    }
    if (args.size() == 1) {
      return; // the program named in prose, not a command line
    }
    PrintStream none = new PrintStream(PrintStream.nullOutputStream());
    CommandLine cli = RuntimeMain.commandLine(none, none);
    CommandSpec verb = cli.getSubcommands().get(args.get(0)).getCommandSpec();
    List<String> concrete = new ArrayList<>(List.of(args.get(0)));
    concrete.addAll(
        DocumentedCommands.concrete(
            verb, args.subList(1, args.size()), DocumentedCommands::sample));
    cli.parseArgs(concrete.toArray(String[]::new));
  }
}
