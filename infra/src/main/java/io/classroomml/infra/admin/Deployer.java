package io.classroomml.infra.admin;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.ImageDigests;
import io.classroomml.infra.config.Student;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploys a classroom from zero in one command: preflight, CDK bootstrap when missing, the platform
 * stack (synthesized without image digests: it holds the repositories the images go to), the images
 * built and pushed by Jib, their digests recorded in {@code cdk.context.json}, then the student
 * stacks. Every step is idempotent: bootstrap is skipped when present, {@code cdk deploy} changes
 * only what changed, Jib pushes only the layers the registry lacks.
 */
public final class Deployer {

  static final String CDK = "node_modules/.bin/cdk";

  /** The steps whose output or input the deploy itself handles (digests out, digests in). */
  static final String IMAGES = "images";

  static final String STUDENTS = "student stacks";
  static final String BUILD_IMAGES = "scripts/build-images";

  private static final Pattern FLAVOUR = Pattern.compile("-c trainingImageFlavor=(gpu|cpu)");

  private static final Pattern DIGESTS =
      Pattern.compile(
          "-c trainingImageDigest=(sha256:[0-9a-f]{64}) -c inferenceImageDigest=(sha256:[0-9a-f]{64})");

  /**
   * What to deploy and how.
   *
   * @param students the students whose stacks to deploy; empty for the whole class
   * @param buildImages extra options for {@code scripts/build-images} (e.g. {@code --training cpu})
   * @param skipImages reuse the recorded (or given) digests instead of building
   */
  public record Options(List<String> students, List<String> buildImages, boolean skipImages) {

    /** Copies the lists. */
    public Options {
      students = List.copyOf(students);
      buildImages = List.copyOf(buildImages);
    }
  }

  private final AwsClients aws;
  private final ClassContext context;
  private final Optional<String> defaultRegion;
  private final Commands commands;
  private final PrintStream out;

  /**
   * @param defaultRegion the credentials' region, when the context sets none
   * @param commands runs cdk and scripts/build-images
   * @param out where the preflight table, the plan and progress go
   */
  public Deployer(
      AwsClients aws,
      ClassContext context,
      Optional<String> defaultRegion,
      Commands commands,
      PrintStream out) {
    this.aws = aws;
    this.context = context;
    this.defaultRegion = defaultRegion;
    this.commands = commands;
    this.out = out;
  }

  /** Prints the plan without calling AWS or running anything. */
  public List<DeployStep> dryRun(Options options) {
    String account = context.get(ContextKeys.ACCOUNT).orElse("<the credentials' account>");
    String region =
        context.get(ContextKeys.REGION).or(() -> defaultRegion).orElse("<the credentials' region>");
    List<String> students =
        options.students().isEmpty()
            ? context.get(ContextKeys.STUDENTS).map(Deployer::ids).orElse(List.of("<students>"))
            : options.students();
    List<DeployStep> steps =
        plan(account, region, Optional.empty(), students, options, givenImages(options));
    out.println("deploy plan (dry run: nothing is called or changed):");
    print(steps);
    return steps;
  }

  /**
   * Runs the deploy.
   *
   * @return the steps as run (skipped ones say why)
   * @throws AdminException when preflight fails or a step fails, naming it and the fix
   */
  public List<DeployStep> run(Options options) {
    PreflightReport report = new Preflight(aws, context, defaultRegion, true).run();
    out.print(report.table());
    if (report.failed()) {
      throw new AdminException(
          "preflight failed: fix the FAIL rows above (each names its fix), then run scripts/deploy"
              + " again",
          1);
    }
    ClassroomConfig config = report.config().orElseThrow();
    List<String> students = students(config, options);
    List<DeployStep> steps =
        plan(
            config.account(),
            config.region(),
            Optional.of(report.bootstrapped()),
            students,
            options,
            givenImages(options));
    out.println("deploy plan:");
    print(steps);
    ImageDigests images = null;
    for (DeployStep step : steps) {
      if (step.command().isEmpty()) {
        continue;
      }
      out.println("== " + step.name());
      List<String> command = new ArrayList<>(step.command());
      if (step.name().equals(STUDENTS)) {
        ImageDigests digests = current(images);
        String training = pending(ContextKeys.TRAINING_IMAGE_DIGEST);
        String inference = pending(ContextKeys.INFERENCE_IMAGE_DIGEST);
        for (int i = 0; i < command.size(); i++) {
          if (command.get(i).equals(training)) {
            command.set(i, ContextKeys.TRAINING_IMAGE_DIGEST + "=" + digests.training());
          } else if (command.get(i).equals(inference)) {
            command.set(i, ContextKeys.INFERENCE_IMAGE_DIGEST + "=" + digests.inference());
          }
        }
        Optional<String> flavour = context.get(ContextKeys.TRAINING_IMAGE_FLAVOR);
        if (flavour.isPresent() && !command.contains(flavourOption(flavour.get()))) {
          command.addAll(List.of("-c", flavourOption(flavour.get())));
        }
      }
      String output = commands.run(step.name(), command);
      if (step.name().equals(IMAGES)) {
        images = parseDigests(output);
        context.record(images, parseFlavour(output));
        out.println(
            "recorded the digests in "
                + ClassContext.CONTEXT_FILE
                + " (later synths, diff and destroy use them)");
      }
    }
    out.println(
        "deployed: " + Names.PLATFORM_STACK + " and " + students.size() + " student stacks");
    return steps;
  }

  private ImageDigests current(ImageDigests built) {
    if (built != null) {
      return built;
    }
    return context
        .images()
        .orElseThrow(
            () ->
                new AdminException(
                    "--skip-images but no image digests are recorded: run scripts/deploy without"
                        + " --skip-images once (it builds and pushes them)",
                    2));
  }

  private Optional<ImageDigests> givenImages(Options options) {
    Map<String, String> given = context.overrides();
    if (given.containsKey(ContextKeys.TRAINING_IMAGE_DIGEST)
        && given.containsKey(ContextKeys.INFERENCE_IMAGE_DIGEST)) {
      return context.images();
    }
    return options.skipImages() ? context.images() : Optional.empty();
  }

  private List<DeployStep> plan(
      String account,
      String region,
      Optional<Boolean> bootstrapped,
      List<String> students,
      Options options,
      Optional<ImageDigests> images) {
    String env = "aws://" + account + "/" + region;
    List<String> where = List.of("-c", "account=" + account, "-c", "region=" + region);
    List<String> passOn = new ArrayList<>();
    context
        .overrides()
        .forEach(
            (k, v) -> {
              if (!Set.of(
                      ContextKeys.ACCOUNT,
                      ContextKeys.REGION,
                      ContextKeys.STACKS,
                      ContextKeys.TRAINING_IMAGE_DIGEST,
                      ContextKeys.INFERENCE_IMAGE_DIGEST,
                      ContextKeys.TRAINING_IMAGE_FLAVOR)
                  .contains(k)) {
                passOn.add("-c");
                passOn.add(k + "=" + v);
              }
            });
    List<DeployStep> steps = new ArrayList<>();
    steps.add(
        new DeployStep("preflight", List.of(), "credentials, region, bootstrap, cost tag, quotas"));
    if (bootstrapped.orElse(false)) {
      steps.add(new DeployStep("bootstrap", List.of(), "skipped: " + env + " is bootstrapped"));
    } else {
      steps.add(
          new DeployStep(
              "bootstrap",
              List.of(CDK, "bootstrap", env),
              bootstrapped.isEmpty()
                  ? "only if " + env + " is not bootstrapped"
                  : "not bootstrapped"));
    }
    List<String> platform = new ArrayList<>(List.of(CDK, "deploy", Names.PLATFORM_STACK));
    platform.addAll(List.of("--require-approval", "never", "-c", ContextKeys.STACKS + "=platform"));
    platform.addAll(where);
    platform.addAll(passOn);
    steps.add(new DeployStep("platform stack", platform, "image repositories, janitor, dashboard"));
    if (images.isPresent()) {
      steps.add(
          new DeployStep(
              IMAGES,
              List.of(),
              "skipped: using " + images.get().training() + " and " + images.get().inference()));
    } else {
      List<String> build =
          new ArrayList<>(List.of(BUILD_IMAGES, "--account", account, "--region", region));
      build.addAll(options.buildImages());
      steps.add(
          new DeployStep(
              IMAGES,
              build,
              "Jib pushes only the layers ECR lacks; digests go to " + ClassContext.CONTEXT_FILE));
    }
    List<String> deploy = new ArrayList<>(List.of(CDK, "deploy"));
    students.forEach(id -> deploy.add(Names.studentStack(id)));
    deploy.addAll(List.of("--require-approval", "never"));
    deploy.addAll(where);
    deploy.addAll(
        List.of(
            "-c",
            images
                .map(i -> ContextKeys.TRAINING_IMAGE_DIGEST + "=" + i.training())
                .orElse(pending(ContextKeys.TRAINING_IMAGE_DIGEST)),
            "-c",
            images
                .map(i -> ContextKeys.INFERENCE_IMAGE_DIGEST + "=" + i.inference())
                .orElse(pending(ContextKeys.INFERENCE_IMAGE_DIGEST))));
    deploy.addAll(passOn);
    steps.add(
        new DeployStep(STUDENTS, deploy, "cdk deploy updates only stacks whose templates changed"));
    return steps;
  }

  private static String pending(String key) {
    return key + "=<from the images step>";
  }

  private void print(List<DeployStep> steps) {
    int n = 1;
    for (DeployStep step : steps) {
      out.printf("  %d. %-15s %s%n", n++, step.name(), step.note());
      if (!step.command().isEmpty()) {
        out.println("       " + String.join(" ", step.command()));
      }
    }
  }

  private static List<String> students(ClassroomConfig config, Options options) {
    List<String> all = config.students().stream().map(Student::id).toList();
    if (options.students().isEmpty()) {
      return all;
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String id : options.students()) {
      if (!all.contains(id)) {
        throw new AdminException(
            "--student "
                + id
                + ": not in the class ("
                + String.join(", ", all)
                + "); add it to students in cdk.json (or -c students=...) first",
            2);
      }
      chosen.add(id);
    }
    return List.copyOf(chosen);
  }

  private static List<String> ids(String students) {
    List<String> ids = new ArrayList<>();
    for (String entry : students.split(",")) {
      if (!entry.isBlank()) {
        ids.add(entry.split("=", 2)[0].strip());
      }
    }
    return ids;
  }

  private static String flavourOption(String flavour) {
    return ContextKeys.TRAINING_IMAGE_FLAVOR + "=" + flavour;
  }

  /** The training image's flavour ({@code gpu} or {@code cpu}), when build-images prints it. */
  static Optional<String> parseFlavour(String output) {
    Matcher m = FLAVOUR.matcher(output);
    String found = null;
    while (m.find()) {
      found = m.group(1);
    }
    return Optional.ofNullable(found);
  }

  /** The digests from {@code scripts/build-images}' last line. */
  static ImageDigests parseDigests(String output) {
    Matcher m = DIGESTS.matcher(output);
    ImageDigests found = null;
    while (m.find()) {
      found = new ImageDigests(m.group(1), m.group(2));
    }
    if (found == null) {
      throw new AdminException(
          "scripts/build-images printed no digests (expected '-c trainingImageDigest=sha256:..."
              + " -c inferenceImageDigest=sha256:...'); run it alone to see why",
          1);
    }
    return found;
  }
}
