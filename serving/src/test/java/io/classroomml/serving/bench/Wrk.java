package io.classroomml.serving.bench;

import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Debian's {@code wrk}, a native load generator whose own cost is small next to a JVM
 * client's, against {@code POST /invocations} and reads its summary.
 */
final class Wrk {

  /** What one run measured. */
  record Result(
      double requestsPerSecond, long requests, long non2xx, Map<String, Double> latencyMs) {}

  /** {@code wrk --version} answers at once; anything longer is a broken install. */
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

  /** Beyond its {@code -d} seconds, wrk needs a moment to connect and print its summary. */
  private static final Duration RUN_GRACE = Duration.ofSeconds(30);

  private Wrk() {}

  /** Whether {@code wrk} is on the PATH. */
  static boolean available() {
    try {
      Processes.run(new ProcessBuilder("wrk", "--version"), VERSION_TIMEOUT);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code connections} connections for {@code seconds}, each POSTing {@code body}. */
  static Result run(int port, byte[] body, int connections, int seconds, Path work)
      throws IOException, InterruptedException {
    Path bodyFile = Files.write(work.resolve("wrk-body.bin"), body);
    Path script =
        Files.writeString(
            work.resolve("wrk-post.lua"),
            String.join(
                "\n",
                "local f = io.open(\"" + bodyFile + "\", \"rb\")",
                "wrk.method = \"POST\"",
                "wrk.body = f:read(\"*all\")",
                "f:close()",
                "wrk.headers[\"Content-Type\"] = \"application/octet-stream\"",
                ""));
    String out =
        Processes.run(
                new ProcessBuilder(
                    "wrk",
                    "-t1",
                    "-c" + connections,
                    "-d" + seconds + "s",
                    "--latency",
                    "-s",
                    script.toString(),
                    "http://127.0.0.1:" + port + "/invocations"),
                Duration.ofSeconds(seconds).plus(RUN_GRACE))
            .output();
    Map<String, Double> latency = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\\s+(50|90|99)%\\s+([\\d.]+)(us|ms|s)").matcher(out);
    while (m.find()) {
      double value = Double.parseDouble(m.group(2));
      double ms =
          switch (m.group(3)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
          };
      latency.put("p" + m.group(1), ms);
    }
    return new Result(
        number(out, "Requests/sec:\\s+([\\d.]+)"),
        (long) number(out, "(\\d+) requests in"),
        (long) numberOr(out, "Non-2xx or 3xx responses: (\\d+)", 0),
        latency);
  }

  private static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk printed no '" + regex + "':\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double numberOr(String out, String regex, double otherwise) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
  }
}
