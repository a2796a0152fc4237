package io.classroomml.local;

import io.classroomml.local.aws.AwsVerbs;
import io.classroomml.local.endpoint.LocalEndpoints;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.runtime.client.InvokeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The endpoint verbs: {@code deploy} serves jobs' models, {@code invoke} sends them requests. */
final class EndpointVerbs {

  private EndpointVerbs() {}

  @Command(
      name = "deploy",
      description = {
        "serve jobs' models behind one gateway until Ctrl-C",
        "with --target aws: says how your stack's endpoint gets a job's model"
      })
  static final class Deploy implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    @Option(
        names = "--endpoint",
        paramLabel = "NAME=JOB",
        required = true,
        description = "an endpoint serving a training job's model (repeatable)")
    Map<String, String> endpoints = new LinkedHashMap<>();

    @Option(
        names = "--port",
        paramLabel = "P",
        defaultValue = "8090",
        description = "the gateway's port (default: ${DEFAULT-VALUE})")
    int port;

    @Mixin AwsTarget.Options aws;

    @Override
    public Integer call() {
      LocalCli.Context c = cli.context();
      if (aws.isAws()) {
        Map.Entry<String, String> first = endpoints.entrySet().iterator().next();
        try (AwsVerbs verbs = aws.verbs(c)) {
          return verbs.deploy(first.getKey(), first.getValue());
        }
      }
      CountDownLatch stop = new CountDownLatch(1);
      try (LocalEndpoints running =
          new LocalEndpoints(c.installation(), c.workspace(), port, c.out())) {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      running.close();
                      stop.countDown();
                    }));
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
          TrainingJobRecord job =
              c.workspace()
                  .training(e.getValue())
                  .orElseThrow(() -> new LocalException("no training job named " + e.getValue()));
          if (job.modelArtifacts() == null) {
            throw new LocalException(
                "training job " + e.getValue() + " saved no model (" + job.status() + ")");
          }
          running.create(e.getKey(), Path.of(job.modelArtifacts()));
        }
        c.out()
            .println(
                "gateway: "
                    + running.gatewayUrl()
                    + "  (e.g. scripts/local invoke --endpoint-url "
                    + running.gatewayUrl()
                    + " --endpoint "
                    + endpoints.keySet().iterator().next()
                    + " image.png); Ctrl-C deletes the endpoints");
        stop.await();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the endpoints", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  /**
   * The runtime client's own command ({@code runtime-client}'s {@code InvokeCommand}, which parses
   * its options): its arguments pass through unchanged.
   */
  @Command(
      name = "invoke",
      description = {
        "send files to an endpoint with the AWS SDK v2 client: --endpoint NAME",
        "[--endpoint-url URL | --region R] FILE... (AWS without a URL;",
        "there --student ID names your endpoint and --profile P the credentials)"
      })
  static final class Invoke implements Callable<Integer> {
    @ParentCommand LocalCli cli;
    @Mixin LocalCli.HelpOption help;

    /** Everything after the verb, options included ({@link LocalCli} lets them through). */
    @Parameters(paramLabel = "ARGS", arity = "0..*", hidden = true)
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return InvokeCommand.run(
          AwsTarget.invokeArgs(args).toArray(String[]::new),
          cli.context().out(),
          cli.context().err());
    }
  }
}
