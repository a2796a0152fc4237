package io.classroomml.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on standard output: CloudWatch Logs stores each line as an event and
 * Logs Insights finds the fields without a parse pattern. A stack trace, when there is one, is a
 * field of its event rather than extra lines.
 */
public final class ServerLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;

  /** A log writing to {@code out}. */
  public ServerLog(PrintStream out) {
    this.out = out;
  }

  /** A log on this process's standard output. */
  public static ServerLog stdout() {
    return new ServerLog(System.out);
  }

  /** Writes an event at level INFO. */
  public void info(String event, Map<String, ?> fields) {
    write("INFO", event, fields, null);
  }

  /** Writes an event at level WARN. */
  public void warn(String event, Map<String, ?> fields) {
    write("WARN", event, fields, null);
  }

  /** Writes an event at level ERROR with {@code error}'s stack trace as a field. */
  public void error(String event, Map<String, ?> fields, Throwable error) {
    write("ERROR", event, fields, error);
  }

  private void write(String level, String event, Map<String, ?> fields, Throwable error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("event", event);
    line.putAll(fields);
    if (error != null) {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      line.put("stackTrace", trace.toString());
    }
    String text;
    try {
      text = JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      text = "{\"level\":\"ERROR\",\"event\":\"log-failure\",\"message\":\"" + e.getClass() + "\"}";
    }
    out.println(text);
  }
}
