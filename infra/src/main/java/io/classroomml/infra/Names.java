package io.classroomml.infra;

import io.classroomml.contract.SageMakerName;
import io.classroomml.contract.StudentNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name the classroom gives to things outside CloudFormation's generated names: stacks,
 * repositories, tags and the prefixes of the jobs the pipelines start. IAM policies scope students
 * by these prefixes, so they live in one place.
 */
public final class Names {

  /** Tag on everything a student's stack or pipelines create; IAM requires it on requests. */
  public static final String STUDENT_TAG = "classroom-ml:student";

  /** Tag that marks a role as belonging to the classroom (ECR pulls are limited to these). */
  public static final String ROLE_TAG = "classroom-ml:role";

  /** The shared platform stack (image repositories, janitor, class dashboard). */
  public static final String PLATFORM_STACK = "Classroom-Platform";

  /** ECR repository of the training image. */
  public static final String TRAINING_REPOSITORY = "classroom-ml/training";

  /** ECR repository of the inference image. */
  public static final String INFERENCE_REPOSITORY = "classroom-ml/inference";

  /**
   * Step Functions intrinsic giving a 12-hex-digit unique suffix (the last group of a UUID), so a
   * job name is {@code <prefix>-<suffix>} and stays within SageMaker's name limits.
   */
  public static final String UNIQUE_SUFFIX =
      "States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 4)";

  /**
   * Step Functions intrinsic for a new name {@code <prefix>-<12 hex digits>} (see {@link
   * #UNIQUE_SUFFIX}), for a {@code .$} parameter.
   */
  public static String uniqueName(String prefix) {
    return "States.Format('" + prefix + "-{}', " + UNIQUE_SUFFIX + ")";
  }

  private Names() {}

  /**
   * What separates a student id from the rest of every SageMaker name; see {@link
   * StudentNames#SEPARATOR}. ConfigReader refuses ids that contain it, so IAM name patterns ({@code
   * training-job/alice--train-*}) match one student only, for every class list synth accepts.
   */
  public static final String SEPARATOR = StudentNames.SEPARATOR;

  // The student's names live in contract (local mode's AWS verbs find what the stack creates).

  /** The stack of student {@code id}. */
  public static String studentStack(String id) {
    return StudentNames.stack(id);
  }

  /**
   * {@code <id>--}: the start of every SageMaker name this student's pipelines and stack create.
   */
  public static String studentPrefix(String id) {
    return StudentNames.prefix(id);
  }

  /** Training jobs the student's pipeline starts are named {@code <this>-<suffix>}. */
  public static String trainingJobPrefix(String id) {
    return StudentNames.trainingJobPrefix(id);
  }

  /** Tuning jobs (at most 32 characters with the suffix). */
  public static String tuningJobPrefix(String id) {
    return StudentNames.tuningJobPrefix(id);
  }

  /** Batch transform jobs. */
  public static String transformJobPrefix(String id) {
    return StudentNames.transformJobPrefix(id);
  }

  /** Models the batch transform pipeline creates (and deletes) for one job. */
  public static String batchModelPrefix(String id) {
    return StudentNames.batchModelPrefix(id);
  }

  /** The student's endpoint (a fixed name so dashboards and alarms can find it). */
  public static String endpointName(String id) {
    return StudentNames.endpoint(id);
  }

  /** The class's SageMaker Studio domain (one per account and region: the platform's). */
  public static final String NOTEBOOK_DOMAIN = "classroom-ml";

  /**
   * The student's Studio user profile. Its apps' ARNs ({@code app/<domain>/<profile>/...}) start
   * with the student's prefix, like those of the spaces the student may create ({@code
   * <id>--<name>}), so one name pattern covers both.
   */
  public static String notebookProfile(String id) {
    return studentPrefix(id) + "notebook";
  }

  /** The lifecycle configuration that sets up the student's JupyterLab spaces. */
  public static String notebookSetup(String id) {
    return studentPrefix(id) + "notebook-setup";
  }

  /**
   * The longest name of each kind student {@code id}'s pipelines and stack create, with a full
   * unique suffix (and SageMaker's {@code -NNN-<8 hex>} for a tuning trial), to check against
   * SageMaker's name rules at synth.
   */
  public static Map<String, SageMakerName> longestNames(String id) {
    String suffix = "-" + "f".repeat(12);
    Map<String, SageMakerName> names = new LinkedHashMap<>();
    names.put(trainingJobPrefix(id) + suffix, SageMakerName.TRAINING_JOB);
    names.put(tuningJobPrefix(id) + suffix, SageMakerName.TUNING_JOB);
    names.put(tuningJobPrefix(id) + suffix + "-001-" + "f".repeat(8), SageMakerName.TRAINING_JOB);
    names.put(transformJobPrefix(id) + suffix, SageMakerName.TRANSFORM_JOB);
    names.put(batchModelPrefix(id) + suffix, SageMakerName.MODEL);
    names.put(endpointName(id), SageMakerName.ENDPOINT);
    return names;
  }

  /**
   * How CloudWatch's metric SEARCH splits a dimension value into the tokens a partial search term
   * matches: at every character that is not a letter or digit, and between letters and digits
   * ({@code alice--train-0a1b/algo-1} is {@code alice train 0 a 1 b algo 1}), lower-cased.
   */
  public static List<String> searchTokens(String value) {
    List<String> tokens = new ArrayList<>();
    for (String word : value.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
      for (String token : word.split("(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")) {
        if (!token.isEmpty()) {
          tokens.add(token);
        }
      }
    }
    return tokens;
  }

  /**
   * Pairs of ids whose training jobs a metric SEARCH cannot tell apart (the same {@link
   * #searchTokens tokens}, e.g. {@code ab1} and {@code ab-1}), as {@code "a and b"}: the class
   * dashboard would mix their graphs.
   */
  public static List<String> searchTwins(List<String> ids) {
    List<String> twins = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        if (searchTokens(ids.get(i)).equals(searchTokens(ids.get(j)))) {
          twins.add(ids.get(i) + " and " + ids.get(j));
        }
      }
    }
    return twins;
  }

  /**
   * Pairs of ids where one student's name prefix starts another's, as {@code "a and b"}: such a
   * class would let a's name-scoped permissions reach b's jobs. Empty for every class whose ids
   * ConfigReader accepts (no id contains {@link #SEPARATOR}); synth checks it all the same, so a
   * later change to the id rules cannot open the hole silently.
   */
  public static List<String> overlappingPrefixes(List<String> ids) {
    List<String> overlaps = new ArrayList<>();
    for (String a : ids) {
      for (String b : ids) {
        if (!a.equals(b) && studentPrefix(b).startsWith(studentPrefix(a))) {
          overlaps.add(a + " and " + b);
        }
      }
    }
    return overlaps;
  }
}
