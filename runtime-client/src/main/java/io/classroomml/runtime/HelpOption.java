package io.classroomml.runtime;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for every command: usage from the options, exit 0 (no version flag).
 */
public final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this help")
  boolean help;
}
