package io.classroomml.local;

import io.classroomml.local.aws.AwsSession;
import io.classroomml.local.aws.AwsVerbs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The AWS target of the verbs: {@code --target aws} makes a verb act on the student's stack through
 * the AWS SDK for Java v2 ({@link AwsVerbs}) instead of on the local workspace. The stack is found
 * by {@code --student ID} or given as {@code --pipeline}/{@code --bucket}; credentials come from
 * the default chain or {@code --profile}.
 */
final class AwsTarget {

  private AwsTarget() {}

  /** The options every verb with an AWS target shares. */
  static final class Options {
    @Option(
        names = "--target",
        paramLabel = "T",
        defaultValue = "local",
        description = "local (default) or aws: the student's stack on AWS")
    String target;

    @Option(
        names = "--student",
        paramLabel = "ID",
        description = "with --target aws: your id; the verbs use your stack Classroom-ID")
    String student;

    @Option(
        names = "--pipeline",
        paramLabel = "ARN",
        description = "with --target aws: a pipeline's ARN instead of the stack's (stack output)")
    String pipeline;

    @Option(
        names = "--bucket",
        paramLabel = "B",
        description = "with --target aws: the data bucket instead of the stack's DataBucket")
    String bucket;

    @Option(
        names = "--region",
        paramLabel = "R",
        description = "with --target aws: the region (default: the pipeline's, or your profile's)")
    String region;

    @Option(
        names = "--profile",
        paramLabel = "P",
        description = "with --target aws: a profile in ~/.aws (default: the default chain)")
    String profile;

    boolean isAws() {
      if (!target.equals("aws") && !target.equals("local")) {
        throw new LocalException("--target " + target + " is not known; use local or aws");
      }
      return target.equals("aws");
    }

    /**
     * Runs {@code verb} against AWS for {@code context}; with {@code --target local} it fails with
     * {@code localHint}, which says what local mode does instead.
     */
    int onAwsOnly(
        LocalCli.Context context, Supplier<String> localHint, Function<AwsVerbs, Integer> verb) {
      if (!isAws()) {
        throw new LocalException(localHint.get());
      }
      try (AwsVerbs verbs = verbs(context)) {
        return verb.apply(verbs);
      }
    }

    /** The verbs against AWS for {@code context}, or an error when the target is local. */
    AwsVerbs verbs(LocalCli.Context context) {
      if (student == null && pipeline == null && bucket == null) {
        throw new LocalException(
            "which classroom stack? pass --student ID (your id in the class list; your stack is"
                + " Classroom-ID), or --pipeline ARN / --bucket B");
      }
      return context
          .aws()
          .connect(
              new AwsSession.Settings(Optional.ofNullable(region), Optional.ofNullable(profile)),
              new AwsVerbs.Target(
                  Optional.ofNullable(student),
                  Optional.ofNullable(pipeline),
                  Optional.ofNullable(bucket)),
              context.out());
    }
  }

  /**
   * {@code invoke}'s arguments for the runtime client, which calls AWS whenever it has no {@code
   * --endpoint-url}: {@code --target aws} is dropped, {@code --student ID} becomes the student's
   * endpoint and {@code --profile P} picks the credentials (the SDK reads {@code aws.profile}).
   */
  static List<String> invokeArgs(List<String> args) {
    List<String> passed = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      boolean hasValue = i + 1 < args.size();
      if (arg.equals("--target") && hasValue) {
        if (!args.get(i + 1).equals("aws") && !args.get(i + 1).equals("local")) {
          throw new LocalException(
              "--target " + args.get(i + 1) + " is not known; use local or aws");
        }
        i++;
      } else if (arg.equals("--student") && hasValue) {
        passed.add("--endpoint");
        passed.add(io.classroomml.contract.StudentNames.endpoint(args.get(++i)));
      } else if (arg.equals("--profile") && hasValue) {
        System.setProperty("aws.profile", args.get(++i));
      } else {
        passed.add(arg);
      }
    }
    return passed;
  }
}
