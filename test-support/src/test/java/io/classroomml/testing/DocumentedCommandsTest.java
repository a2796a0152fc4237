package io.classroomml.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class DocumentedCommandsTest {

  private static final Pattern TOOL = Pattern.compile("^(?:\\$\\s+)?tool\\b");

  @Command(name = "tool")
  static final class Tool {
    @Option(names = "--count", paramLabel = "N")
    int count;

    @Parameters(paramLabel = "FILE")
    List<String> files;
  }

  @Test
  void in_findsBlockLinesWithTheirIndentedContinuations_andCodeSpans() {
    List<DocumentedCommands.Line> found =
        DocumentedCommands.in(
            "doc.md",
            List.of(
                "Run `tool --count N a.txt` or:",
                "```",
                "$ tool --count N",
                "    FILE...",
                "other --count 2",
                "```"),
            TOOL);

    assertThat(found)
        .extracting(DocumentedCommands.Line::line)
        .containsExactly("$ tool --count N FILE...", "tool --count N a.txt");
  }

  @Test
  void words_dropPromptCommentBracketsAndGluedRepeatMarks() {
    assertThat(DocumentedCommands.words("$ tool [--count N] FILE... ...  # note"))
        .containsExactly("tool", "--count", "N", "FILE", "...");
    assertThatThrownBy(() -> DocumentedCommands.words("tool a | b"))
        .hasMessageContaining("one command line per alternative");
  }

  @Test
  void concrete_replacesPlaceholdersThatAreTheLabels_andRefusesOthers() {
    CommandLine tool = new CommandLine(new Tool());

    assertThat(
            DocumentedCommands.concrete(
                tool.getCommandSpec(),
                List.of("--count", "N", "FILE", "..."),
                DocumentedCommands::sample))
        .containsExactly("--count", "1", "x");
    assertThatThrownBy(
            () ->
                DocumentedCommands.concrete(
                    tool.getCommandSpec(), List.of("--count", "COUNT"), DocumentedCommands::sample))
        .hasMessage("the docs write --count COUNT but its label is 'N'");
  }
}
