package io.classroomml.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command lines README.md and docs/ show for a program, so that a test can parse each with the
 * program's own command line and the docs cannot drift from the options. One scanner for every
 * program's test: code blocks (one command per line; an indented line goes on with the one above)
 * and code spans, and placeholders checked against the labels of the program's picocli options.
 */
public final class DocumentedCommands {

  /**
   * A command line and where it was found.
   *
   * @param where the file, relative to the project root
   * @param line the command line as written, continuation lines joined
   */
  public record Line(String where, String line) {}

  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9_]*(=[A-Z][A-Z0-9_]*)?");

  private DocumentedCommands() {}

  /** Every line in README.md and docs/ (under {@code root}) where {@code command} is found. */
  public static List<Line> find(Path root, Pattern command) throws IOException {
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Line> found = new ArrayList<>();
    for (Path file : files) {
      found.addAll(in(root.relativize(file).toString(), Files.readAllLines(file), command));
    }
    return found;
  }

  /** The command lines among {@code lines} of the file {@code where}. */
  static List<Line> in(String where, List<String> lines, Pattern command) {
    List<Line> found = new ArrayList<>();
    boolean inBlock = false;
    boolean continues = false;
    StringBuilder prose = new StringBuilder();
    for (String line : lines) {
      if (line.trim().startsWith("```")) {
        inBlock = !inBlock;
        continues = false;
        continue;
      }
      if (inBlock) {
        if (command.matcher(line.trim()).find()) {
          found.add(new Line(where, line.trim()));
          continues = true;
        } else if (continues && line.startsWith(" ") && !line.isBlank()) {
          Line last = found.remove(found.size() - 1);
          found.add(new Line(where, last.line() + " " + line.trim()));
        } else {
          continues = false;
        }
      } else {
        prose.append(line).append('\n');
      }
    }
    Matcher span = CODE_SPAN.matcher(prose);
    while (span.find()) {
      String code = span.group(1).replaceAll("\\s+", " ").trim();
      if (command.matcher(code).find()) {
        found.add(new Line(where, code));
      }
    }
    return found;
  }

  /**
   * The words of a synopsis: a leading {@code $ } prompt and a trailing {@code # comment} go,
   * brackets around optional parts go, and a repeat mark glued to a word ({@code FILE...}) is cut
   * off; a repeat mark on its own ({@code ...}, {@code …}) stays, see {@link #isRepeatMark}.
   */
  public static List<String> words(String line) {
    String text = line.replaceFirst("^\\$\\s+", "").replaceFirst("\\s+#.*$", "");
    text = text.replace("[", " ").replace("]", " ");
    if (Arrays.asList(text.trim().split("\\s+")).contains("|")) {
      throw new IllegalArgumentException("write one command line per alternative: " + line);
    }
    List<String> out = new ArrayList<>();
    for (String w : text.trim().split("\\s+")) {
      out.add(w.endsWith("...") && w.length() > 3 ? w.substring(0, w.length() - 3) : w);
    }
    return out;
  }

  /**
   * {@code words} (after the command's name) as arguments to parse: a placeholder ({@code N},
   * {@code DIR}, {@code K=V}) must be the option's or parameter's own label and becomes {@code
   * sample}'s value for it, {@code <…>} any value; repeat marks go; unknown options and extra words
   * stay, so that the parse fails on them.
   *
   * @throws AssertionError when a placeholder is not the label the code declares
   */
  public static List<String> concrete(
      CommandSpec command, List<String> words, Function<ArgSpec, String> sample) {
    List<String> args = new ArrayList<>();
    int positional = 0;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (isRepeatMark(word)) {
        continue;
      }
      OptionSpec option = command.findOption(word);
      if (option != null) {
        args.add(word);
        if (option.arity().max() > 0 && i + 1 < words.size()) {
          args.add(value(words.get(++i), option, word, sample));
        }
      } else if (word.startsWith("-") || command.positionalParameters().isEmpty()) {
        args.add(word);
      } else {
        List<? extends ArgSpec> params = command.positionalParameters();
        ArgSpec param = params.get(Math.min(positional++, params.size() - 1));
        args.add(value(word, param, param.paramLabel(), sample));
      }
    }
    return args;
  }

  /** A value of {@code arg}'s type: 1 for a number, its label or k=v for a map, else x. */
  public static String sample(ArgSpec arg) {
    Class<?> type = arg.type();
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "1";
    }
    if (Map.class.isAssignableFrom(type)) {
      return arg.paramLabel().contains("=") ? arg.paramLabel() : "k=v";
    }
    return "x";
  }

  private static String value(
      String word, ArgSpec arg, String name, Function<ArgSpec, String> sample) {
    if (word.startsWith("<") || isRepeatMark(word)) {
      return sample.apply(arg);
    }
    if (!PLACEHOLDER.matcher(word).matches()) {
      return word;
    }
    if (!word.equals(arg.paramLabel())) {
      throw new AssertionError(
          "the docs write " + name + " " + word + " but its label is '" + arg.paramLabel() + "'");
    }
    return sample.apply(arg);
  }

  /** Whether {@code word} only says "more of the same". */
  public static boolean isRepeatMark(String word) {
    return word.equals("...") || word.equals("…");
  }
}
