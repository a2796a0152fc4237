package io.classroomml.infra;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.StackSelection;
import io.classroomml.infra.config.Student;
import io.classroomml.infra.cost.ClassEstimate;
import io.classroomml.infra.cost.CostGuard;
import io.classroomml.infra.cost.PriceTable;
import io.classroomml.infra.stacks.PlatformStack;
import io.classroomml.infra.stacks.StudentStack;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;

/**
 * Builds the whole classroom into an {@link App}: reads the configuration from its context, runs
 * the cost guard (which throws before any stack exists), writes the estimate, then adds the
 * platform stack, one stack per student and the cdk-nag AwsSolutions checks.
 *
 * @param app the CDK app
 * @param config the configuration read from its context
 * @param estimate the cost guard's estimate
 * @param platform the shared platform stack
 * @param students one stack per student, in class-list order
 */
public record Classroom(
    App app,
    ClassroomConfig config,
    ClassEstimate estimate,
    PlatformStack platform,
    List<StudentStack> students) {

  /**
   * Context key that turns the cdk-nag AwsSolutions checks off for one synth ({@code -c
   * cdkNag=false}); they are on by default and always on in the tests.
   */
  public static final String NAG_CONTEXT_KEY = ContextKeys.CDK_NAG;

  /**
   * The parameter, without a value, of every stack synthesized with {@code -c stacks=no-deploy}.
   */
  public static final String NO_DEPLOY_PARAMETER = "SynthesizedForDestroyOrEstimateOnly";

  /** The estimate's file name inside the cloud assembly directory. */
  public static final String ESTIMATE_FILE = "classroom-cost-estimate.json";

  /**
   * Builds the classroom.
   *
   * @throws io.classroomml.infra.config.ConfigException for invalid or over-budget configuration
   */
  public static Classroom build(App app) {
    ClassroomConfig config = ConfigReader.read(allContext(app), System.getenv());
    ClassEstimate estimate = new CostGuard(PriceTable.bundled()).check(config);
    Path file =
        config.estimateFile().map(Path::of).orElse(Path.of(app.getOutdir()).resolve(ESTIMATE_FILE));
    try {
      estimate.writeJson(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cost estimate to " + file, e);
    }
    PlatformStack platform = new PlatformStack(app, config);
    List<StudentStack> students = new ArrayList<>();
    for (Student student : studentsToBuild(config)) {
      StudentStack stack = new StudentStack(app, config, student, platform);
      stack.addStackDependency(platform);
      students.add(stack);
    }
    if (config.stacks() == StackSelection.NO_DEPLOY) {
      refuseDeploy(platform);
      students.forEach(Classroom::refuseDeploy);
    }
    NagExemptions.apply(platform, students);
    if (!"false".equals(String.valueOf(app.getNode().tryGetContext(NAG_CONTEXT_KEY)))) {
      Aspects.of(app).add(new AwsSolutionsChecks());
    }
    return new Classroom(app, config, estimate, platform, List.copyOf(students));
  }

  /**
   * The students whose stacks this synth builds: none with {@code stacks=platform}; all otherwise,
   * which needs the image digests (refused here, before anything is built, with the way to get
   * them).
   */
  private static List<Student> studentsToBuild(ClassroomConfig config) {
    if (config.stacks() == StackSelection.PLATFORM) {
      return List.of();
    }
    if (config.images().isEmpty()) {
      throw new ConfigException(
          ContextKeys.TRAINING_IMAGE_DIGEST,
          null,
          "the student stacks run the images by digest, and none is given: scripts/deploy builds"
              + " and pushes them and records both digests in cdk.context.json; or give -c"
              + " trainingImageDigest=sha256:... -c inferenceImageDigest=sha256:... (printed by"
              + " scripts/build-images); or synthesize the platform stack alone with -c"
              + " stacks=platform");
    }
    return config.students();
  }

  /**
   * Marks a stack synthesized with {@code -c stacks=no-deploy} (for {@code cdk destroy} or the cost
   * estimate, perhaps with placeholder image digests): a parameter with no value, which {@code cdk
   * deploy} refuses ("missing a value") before it changes anything. {@code cdk destroy} deletes by
   * stack name and never reads it.
   */
  private static void refuseDeploy(Stack stack) {
    CfnParameter guard =
        CfnParameter.Builder.create(stack, NO_DEPLOY_PARAMETER)
            .type("String")
            .description(
                "Synthesized with -c stacks=no-deploy, for cdk destroy and the cost estimate only;"
                    + " to deploy, synthesize without it (scripts/deploy)")
            .build();
    Validations.of(guard)
        .acknowledge(
            Acknowledgment.builder()
                .id("CloudFormation-Validate::W2001")
                .reason("a parameter without a value, there only to make cdk deploy refuse")
                .build());
  }

  /** Every context value of {@code app}: cdk.json, cdk.context.json, {@code -c} and the CLI's. */
  private static Map<String, ?> allContext(App app) {
    Object all = app.getNode().getAllContext();
    if (all instanceof Map<?, ?> map) {
      Map<String, Object> context = new LinkedHashMap<>();
      map.forEach((k, v) -> context.put(String.valueOf(k), v));
      return context;
    }
    throw new IllegalStateException("the CDK returned the context as " + all);
  }
}
