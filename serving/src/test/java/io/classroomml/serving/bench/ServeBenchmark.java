package io.classroomml.serving.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.serving.predict.DjlImageClassifier;
import io.classroomml.serving.testing.Payloads;
import io.classroomml.serving.testing.TinyModel;
import io.classroomml.testing.Processes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P5/P6 of the serving benchmark (run by {@code scripts/bench-serve}; not a test): in-process
 * predictor throughput vs HTTP throughput at concurrency = cores, single-image latency, process
 * start to {@code /ping} 200, and the server's resident memory under a saturating load.
 *
 * <p>Arguments: {@code <jar> <out.json> [loadSeconds]}. Prints a JSON object.
 */
public final class ServeBenchmark {

  /** Calls made by {@link #throughput}, all runs together. */
  private static final AtomicLong CALLS = new AtomicLong();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seconds of load before the measured windows, for each side. */
  private static final int WARM_UP_SECONDS = 10;

  /** {@code /proc/<pid>/stat} counts CPU time in clock ticks (USER_HZ, 100 on Linux). */
  private static final double CLOCK_TICKS = 100.0;

  /** The server drains for at most 25 s after SIGTERM; beyond this it is stuck. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

  private ServeBenchmark() {}

  /** This JVM's CPU time. */
  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** User + system CPU ticks of process {@code pid}. */
  private static long processCpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    // The same PyTorch threading the server picks for workers = cores (set before DJL starts).
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Path jar = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int loadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("cores", cores);
    result.put("model", "smallcnn 3x32x32, 3 classes");

    Path base = Files.createTempDirectory("bench-serve");
    Path modelDir = base.resolve("model");
    Files.createDirectories(modelDir);
    try (var files = Files.list(TinyModel.directory())) {
      for (Path f : files.toList()) {
        Files.copy(f, modelDir.resolve(f.getFileName()));
      }
    }
    byte[] record = Payloads.cifarRecords(1);
    byte[] pixels = Arrays.copyOfRange(record, 1, record.length);

    // In-process: the predictor alone, one image per call, `cores` threads. Kept loaded: its
    // windows alternate with the HTTP ones below, so both see the same machine load.
    DjlImageClassifier classifier =
        DjlImageClassifier.load(modelDir, cores, 32, Duration.ofSeconds(60));
    Call inProcessCall = () -> classifier.predict(pixels, 1);
    // Both sides warm up for WARM_UP_SECONDS, so the JIT has compiled the hot paths of each before
    // the windows that count (the server's compiler threads are part of its CPU time).
    throughput(cores, WARM_UP_SECONDS, inProcessCall);
    result.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).strip());

    // P6: process start to /ping 200, three runs, plus the server for the HTTP measurements.
    List<Double> starts = new ArrayList<>();
    Process server = null;
    int port = 0;
    for (int run = 0; run < 3; run++) {
      if (server != null) {
        stop(server);
      }
      port = freePort();
      long t0 = System.nanoTime();
      server = startServer(jar, base, port);
      waitForPing(port);
      starts.add((System.nanoTime() - t0) / 1e6);
    }
    result.put("startToPingMs", starts);
    result.put("startToPingMedianMs", round(median(starts)));

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest raw = request(port, record, "application/octet-stream");
    HttpRequest png = request(port, Payloads.imageFile("png", 1, 32, 32), "image/png");
    boolean wrk = Wrk.available();
    if (wrk) {
      Wrk.run(port, record, cores, WARM_UP_SECONDS, base);
    } else {
      throughput(cores, WARM_UP_SECONDS, () -> send(client, raw));
    }
    Path serverLog = base.resolve("server-" + port + ".log");
    int logLinesBefore = Files.readAllLines(serverLog).size();
    // P5: alternate in-process and HTTP windows of 5 s, three each, and compare medians: on a
    // shared machine the load drifts between windows, and alternating spreads the drift over both.
    List<Double> inProcessRates = new ArrayList<>();
    List<Double> httpRates = new ArrayList<>();
    long inProcessCpu = 0;
    long inProcessCalls = 0;
    long serverTicks = 0;
    long httpRequests = 0;
    Wrk.Result lastWrk = null;
    for (int round = 0; round < 3; round++) {
      long cpu0 = ownCpuNanos();
      long calls0 = CALLS.get();
      inProcessRates.add(throughput(cores, 5, inProcessCall));
      inProcessCpu += ownCpuNanos() - cpu0;
      inProcessCalls += CALLS.get() - calls0;

      long ticks0 = processCpuTicks(server.pid());
      if (wrk) {
        lastWrk = Wrk.run(port, record, cores, 5, base);
        httpRates.add(lastWrk.requestsPerSecond());
        httpRequests += lastWrk.requests();
      } else {
        long sent0 = CALLS.get();
        httpRates.add(throughput(cores, 5, () -> send(client, raw)));
        httpRequests += CALLS.get() - sent0;
      }
      serverTicks += processCpuTicks(server.pid()) - ticks0;
    }
    classifier.close();
    List<JsonNode> answered = invocations(serverLog, logLinesBefore);
    double inProcess = median(inProcessRates);
    double http = median(httpRates);
    result.put(
        "loadGenerator",
        wrk
            ? "wrk 1 thread, " + cores + " connections, 3 x 5 s"
            : "JDK HttpClient, " + cores + " threads, 3 x 5 s (wrk not found)");
    if (lastWrk != null) {
      result.put("wrkNon2xxLastWindow", lastWrk.non2xx());
      result.put("wrkLatencyMsLastWindow", lastWrk.latencyMs());
    }
    double inProcessCpuMs = inProcessCpu / 1e6 / inProcessCalls;
    double serverCpuMs = serverTicks * 1000.0 / CLOCK_TICKS / httpRequests;
    result.put("inProcessImagesPerSecondWindows", inProcessRates);
    result.put("httpImagesPerSecondWindows", httpRates);
    result.put("inProcessImagesPerSecond", round(inProcess));
    result.put("httpImagesPerSecond", round(http));
    result.put("httpOverInProcess", round(http / inProcess));
    result.put("inProcessCpuMsPerImage", round(inProcessCpuMs));
    result.put("serverCpuMsPerRequest", round(serverCpuMs));
    result.put("cpuInProcessOverServer", round(inProcessCpuMs / serverCpuMs));
    double loggedCpuMs =
        answered.stream().mapToDouble(e -> e.path("cpuMs").asDouble()).average().orElse(Double.NaN);
    result.put("serverLoggedCpuMsPerRequest", round(loggedCpuMs));
    result.put("cpuInProcessOverServerLogged", round(inProcessCpuMs / loggedCpuMs));
    result.put(
        "shareOnEventLoop",
        round(
            answered.stream().filter(e -> e.path("ranOn").asText().equals("event-loop")).count()
                / (double) Math.max(1, answered.size())));

    result.put("latencyRawMs", latencies(client, raw, 2000));
    result.put("latencyPngMs", latencies(client, png, 2000));

    // Memory: keep the server busy with normal requests while a quarter of the clients send
    // decompression bombs (a PNG declaring 100,000,000 x 1 pixels); sample the resident set every
    // second and time the normal requests.
    long pid = server.pid();
    List<Long> rssKb = new ArrayList<>();
    AtomicLong served = new AtomicLong();
    AtomicLong bombs = new AtomicLong();
    List<Double> normalMs = java.util.Collections.synchronizedList(new ArrayList<>());
    HttpRequest bomb = request(port, Payloads.pngDeclaring(100_000_000, 1), "image/png");
    ExecutorService load = Executors.newFixedThreadPool(cores * 4);
    long end = System.nanoTime() + loadSeconds * 1_000_000_000L;
    for (int i = 0; i < cores * 4; i++) {
      boolean hostile = i % 4 == 0;
      load.submit(
          () -> {
            while (System.nanoTime() < end) {
              if (hostile) {
                client.send(bomb, HttpResponse.BodyHandlers.discarding());
                bombs.incrementAndGet();
              } else {
                long t = System.nanoTime();
                send(client, raw);
                normalMs.add((System.nanoTime() - t) / 1e6);
                served.incrementAndGet();
              }
            }
            return null;
          });
    }
    while (System.nanoTime() < end) {
      rssKb.add(rss(pid));
      Thread.sleep(1000);
    }
    load.shutdown();
    load.awaitTermination(30, TimeUnit.SECONDS);
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("seconds", loadSeconds);
    memory.put("requests", served.get());
    memory.put("bombs", bombs.get());
    List<Double> sortedNormal = new ArrayList<>(normalMs);
    sortedNormal.sort(null);
    memory.put(
        "normalP99MsDuringLoad", round(sortedNormal.get((int) (sortedNormal.size() * 0.99))));
    memory.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).strip());
    memory.put("rssMbFirst", rssKb.get(0) / 1024);
    memory.put("rssMbAfter10s", rssKb.get(Math.min(10, rssKb.size() - 1)) / 1024);
    memory.put("rssMbLast", rssKb.get(rssKb.size() - 1) / 1024);
    memory.put("rssMbMax", rssKb.stream().mapToLong(Long::longValue).max().orElse(0) / 1024);
    result.put("memoryUnderLoad", memory);

    result.put("exitAfterSigterm", stop(server));
    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(result);
    Files.writeString(out, json + "\n");
    Files.writeString(
        Path.of(out.toString().replaceFirst("\\.json$", "") + ".md"), markdown(result));
    System.out.println(json);
  }

  @SuppressWarnings("unchecked")
  private static String markdown(Map<String, Object> r) {
    Map<String, Object> raw = (Map<String, Object>) r.get("latencyRawMs");
    Map<String, Object> png = (Map<String, Object>) r.get("latencyPngMs");
    Map<String, Object> mem = (Map<String, Object>) r.get("memoryUnderLoad");
    return String.join(
        "\n",
        "# Serving benchmark (P5, P6)",
        "",
        "Written by `scripts/bench-serve`; raw numbers in `serve.json`. Machine: "
            + r.get("cores")
            + " cores; model: "
            + r.get("model")
            + "; client and server share the machine.",
        "",
        "| measure | value | goal |",
        "|---|---|---|",
        "| P5 in-process predictor, images/s (concurrency = cores; median of 3 windows) | "
            + r.get("inProcessImagesPerSecond")
            + " | |",
        "| P5 HTTP, images/s (concurrency = cores, raw record; median of 3 windows) | "
            + r.get("httpImagesPerSecond")
            + " | |",
        "| P5 HTTP ÷ in-process | " + r.get("httpOverInProcess") + " | ≥ 0.90 |",
        "| load generator | " + r.get("loadGenerator") + " | |",
        "| CPU ms per image: in-process / server per HTTP request (ratio) | "
            + r.get("inProcessCpuMsPerImage")
            + " / "
            + r.get("serverCpuMsPerRequest")
            + " ("
            + r.get("cpuInProcessOverServer")
            + ") | |",
        "| CPU ms per request in the server's log lines (`cpuMs`: decode, model, encode, log) ; ratio | "
            + r.get("serverLoggedCpuMsPerRequest")
            + " ; "
            + r.get("cpuInProcessOverServerLogged")
            + " | |",
        "| share of requests answered on the event loop | " + r.get("shareOnEventLoop") + " | |",
        "| machine load average at start / end | "
            + r.get("loadAverageAtStart")
            + " / "
            + mem.get("loadAverageAtEnd")
            + " | |",
        "| single 32×32 raw record, p50 / p99 ms | "
            + raw.get("p50")
            + " / "
            + raw.get("p99")
            + " | ≤ 5 / ≤ 20 |",
        "| single 32×32 PNG, p50 / p99 ms | "
            + png.get("p50")
            + " / "
            + png.get("p99")
            + " | ≤ 5 / ≤ 20 |",
        "| P6 process start → /ping 200 (median of 3), ms | "
            + r.get("startToPingMedianMs")
            + " "
            + r.get("startToPingMs")
            + " | ≤ 1500 |",
        "| RSS under "
            + mem.get("seconds")
            + " s of normal load plus bombs: first / 10 s / last / max MiB | "
            + mem.get("rssMbFirst")
            + " / "
            + mem.get("rssMbAfter10s")
            + " / "
            + mem.get("rssMbLast")
            + " / "
            + mem.get("rssMbMax")
            + " ("
            + mem.get("requests")
            + " requests, "
            + mem.get("bombs")
            + " bombs refused) | bounded |",
        "| normal request p99 during that load, ms | " + mem.get("normalP99MsDuringLoad") + " | |",
        "");
  }

  /** The server's {@code invocation} log events after its first {@code skip} lines. */
  private static List<JsonNode> invocations(Path serverLog, int skip) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    List<String> lines = Files.readAllLines(serverLog);
    for (String line : lines.subList(skip, lines.size())) {
      if (line.startsWith("{")) {
        JsonNode event = JSON.readTree(line);
        if (event.path("event").asText().equals("invocation")) {
          events.add(event);
        }
      }
    }
    return events;
  }

  private static Process startServer(Path jar, Path base, int port) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:auto",
            "-jar",
            jar.toString(),
            "serve");
    builder.environment().put("SAGEMAKER_BASE_DIR", base.toString());
    builder.environment().put("SAGEMAKER_BIND_TO_PORT", String.valueOf(port));
    builder.redirectOutput(base.resolve("server-" + port + ".log").toFile());
    builder.redirectErrorStream(true);
    return builder.start();
  }

  /**
   * SIGTERM, then the server's exit status; past {@link #STOP_TIMEOUT} (its 25 s drain plus a
   * margin) it is killed and the status is that of the kill.
   */
  private static int stop(Process server) throws InterruptedException {
    server.destroy();
    if (!server.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      System.err.println("the server did not stop within " + STOP_TIMEOUT + "; killing it");
      Processes.kill(server);
    }
    return server.exitValue();
  }

  private static void waitForPing(int port) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).build();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no /ping 200 within 120 s");
  }

  private static HttpRequest request(int port, byte[] body, String type) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static void send(HttpClient client, HttpRequest request) throws Exception {
    int status = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    if (status != 200 && status != 503) {
      throw new IllegalStateException("status " + status);
    }
  }

  /** Calls per second of {@code call} on {@code threads} threads for {@code seconds}. */
  private static double throughput(int threads, int seconds, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong count = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  call.run();
                  count.incrementAndGet();
                  CALLS.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return count.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static Map<String, Object> latencies(HttpClient client, HttpRequest request, int n)
      throws Exception {
    for (int i = 0; i < 200; i++) {
      send(client, request);
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      send(client, request);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("n", n);
    stats.put("p50", round(ms[n / 2]));
    stats.put("p90", round(ms[(int) (n * 0.9)]));
    stats.put("p99", round(ms[(int) (n * 0.99)]));
    stats.put("max", round(ms[n - 1]));
    return stats;
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.2f", v));
  }

  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }
}
