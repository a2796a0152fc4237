package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Concrete ARNs of everything one student owns: the resources of their stack (buckets and objects
 * in them, roles, endpoint, model, endpoint config, log groups and streams, state machines and
 * their executions, topics, functions) and what their pipelines create when run on the documented
 * inputs (training, tuning and transform jobs, a tuning job's training jobs, batch models, the
 * objects the pipelines write, and the SageMaker log streams of all of these).
 */
final class StudentResources {

  private StudentResources() {}

  static List<String> arns(Assembly assembly, String stack) {
    List<String> arns = new ArrayList<>();
    CfnResolver resolver = new CfnResolver(assembly, stack);
    String region = assembly.region();
    String account = assembly.account();
    String logs = "arn:aws:logs:" + region + ":" + account + ":log-group:";
    String sagemaker = "arn:aws:sagemaker:" + region + ":" + account + ":";
    assembly
        .template(stack)
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              String type = e.getValue().path("Type").asText();
              String arn = resolver.arnOf(e.getKey());
              if (arn.startsWith(CfnResolver.UNRESOLVED)) {
                return;
              }
              switch (type) {
                case "AWS::S3::Bucket" -> {
                  arns.add(arn);
                  arns.add(arn + "/training/job/output/model.tar.gz");
                }
                case "AWS::Logs::LogGroup" -> {
                  String group = arn.substring(0, arn.length() - 2);
                  arns.add(group);
                  arns.add(group + ":log-stream:stream-1");
                }
                case "AWS::SageMaker::Endpoint" -> {
                  arns.add(arn);
                  String name = resolver.physicalName(e.getKey());
                  arns.add(logs + "/aws/sagemaker/Endpoints/" + name);
                  arns.add(
                      logs
                          + "/aws/sagemaker/Endpoints/"
                          + name
                          + ":log-stream:AllTraffic/i-0a1b2c3d4e5f");
                }
                case "AWS::SageMaker::UserProfile" -> {
                  // the profile, a space the student creates and the JupyterLab apps of both
                  arns.add(arn);
                  String domain = resolver.text(e.getValue().path("Properties").path("DomainId"));
                  String profile = resolver.physicalName(e.getKey());
                  String space = profile.substring(0, profile.indexOf("--") + 2) + "my-space";
                  arns.add(sagemaker + "space/" + domain + "/" + space);
                  arns.add(sagemaker + "app/" + domain + "/" + space + "/jupyterlab/default");
                  arns.add(sagemaker + "app/" + domain + "/" + profile + "/jupyterlab/default");
                }
                case "AWS::StepFunctions::StateMachine" -> {
                  arns.add(arn);
                  arns.add(arn.replace(":stateMachine:", ":execution:") + ":execution-1");
                }
                default -> arns.add(arn);
              }
            });
    for (StateMachineChecker.Call call :
        TemplateChecker.withDocumentedInputs(assembly).pipelineCalls(stack)) {
      JsonNode p = call.parameters();
      switch (call.integration().operation()) {
        case "createTrainingJob" -> {
          String job = p.path("TrainingJobName").asText();
          arns.add(sagemaker + "training-job/" + job.toLowerCase(Locale.ROOT));
          arns.add(logs + "/aws/sagemaker/TrainingJobs:log-stream:" + job + "/algo-1-1700000000");
        }
        case "createHyperParameterTuningJob" -> {
          String tuning = p.path("HyperParameterTuningJobName").asText();
          String trial = tuning + "-001-0a1b2c3d";
          arns.add(sagemaker + "hyper-parameter-tuning-job/" + tuning.toLowerCase(Locale.ROOT));
          arns.add(sagemaker + "training-job/" + trial.toLowerCase(Locale.ROOT));
          arns.add(logs + "/aws/sagemaker/TrainingJobs:log-stream:" + trial + "/algo-1-1700000000");
        }
        case "createTransformJob" -> {
          String job = p.path("TransformJobName").asText();
          arns.add(sagemaker + "transform-job/" + job.toLowerCase(Locale.ROOT));
          arns.add(logs + "/aws/sagemaker/TransformJobs:log-stream:" + job + "/i-0a1b2c3d4e5f-AZ");
        }
        case "createModel" ->
            arns.add(sagemaker + "model/" + p.path("ModelName").asText().toLowerCase(Locale.ROOT));
        case "putObject" ->
            arns.add("arn:aws:s3:::" + p.path("Bucket").asText() + "/" + p.path("Key").asText());
        default -> {}
      }
    }
    arns.removeIf(a -> a.contains(CfnResolver.UNRESOLVED));
    return arns;
  }
}
