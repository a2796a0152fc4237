package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.classroomml.testing.aws.ShapeValidator;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces CloudFormation intrinsics with representative concrete values, so policies and request
 * bodies can be checked as AWS will see them: pseudo parameters by the assembly's account and
 * region, {@code Ref} and {@code Fn::GetAtt} by the name or ARN that resource type returns (its
 * explicit name property, else a generated name shaped like CloudFormation's), {@code
 * Fn::ImportValue} by the exporting stack's output. What it cannot resolve becomes a string that
 * starts with {@link #UNRESOLVED}, which the validators skip rather than guess about.
 */
final class CfnResolver {

  static final String UNRESOLVED = ShapeValidator.UNRESOLVED;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The property that names each resource type, where the template may set the name. */
  private static final Map<String, String> NAME_PROPERTY =
      Map.ofEntries(
          Map.entry("AWS::S3::Bucket", "BucketName"),
          Map.entry("AWS::IAM::Role", "RoleName"),
          Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
          Map.entry("AWS::IAM::Policy", "PolicyName"),
          Map.entry("AWS::Lambda::Function", "FunctionName"),
          Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
          Map.entry("AWS::SNS::Topic", "TopicName"),
          Map.entry("AWS::StepFunctions::StateMachine", "StateMachineName"),
          Map.entry("AWS::SageMaker::Model", "ModelName"),
          Map.entry("AWS::SageMaker::EndpointConfig", "EndpointConfigName"),
          Map.entry("AWS::SageMaker::Endpoint", "EndpointName"),
          Map.entry("AWS::ECR::Repository", "RepositoryName"),
          Map.entry("AWS::Scheduler::Schedule", "Name"),
          Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
          Map.entry("AWS::CloudWatch::Dashboard", "DashboardName"),
          Map.entry("AWS::SageMaker::Domain", "DomainName"),
          Map.entry("AWS::SageMaker::UserProfile", "UserProfileName"),
          Map.entry("AWS::SageMaker::StudioLifecycleConfig", "StudioLifecycleConfigName"));

  private final Assembly assembly;
  private final String stack;
  private final JsonNode resources;

  CfnResolver(Assembly assembly, String stack) {
    this.assembly = assembly;
    this.stack = stack;
    this.resources = assembly.template(stack).path("Resources");
  }

  /** A deep copy of {@code value} with every intrinsic resolved. */
  JsonNode resolve(JsonNode value) {
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      value.forEach(v -> out.add(resolve(v)));
      return out;
    }
    if (!value.isObject()) {
      return value;
    }
    if (value.size() == 1) {
      String fn = value.fieldNames().next();
      JsonNode arg = value.get(fn);
      switch (fn) {
        case "Ref":
          return ref(arg.asText());
        case "Fn::GetAtt":
          return getAtt(arg.get(0).asText(), arg.get(1).asText());
        case "Fn::Join":
          return join(arg);
        case "Fn::Sub":
          return sub(arg);
        case "Fn::Select":
          return resolve(arg.get(1)).path(resolve(arg.get(0)).asInt());
        case "Fn::Split":
          return split(arg);
        case "Fn::ImportValue":
          return importValue(resolve(arg).asText());
        case "Fn::If":
          return resolve(arg.get(1)); // conditions are not evaluated: the first branch
        case "Fn::Base64":
          {
            String text = text(arg);
            return TextNode.valueOf(
                text.contains(UNRESOLVED)
                    ? UNRESOLVED + "Fn::Base64}}"
                    : java.util.Base64.getEncoder()
                        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          }
        default:
          if (fn.startsWith("Fn::")) {
            return TextNode.valueOf(UNRESOLVED + fn + "}}");
          }
      }
    }
    ObjectNode out = NODES.objectNode();
    value.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue())));
    return out;
  }

  /** {@link #resolve} as text. */
  String text(JsonNode value) {
    JsonNode resolved = resolve(value);
    return resolved.isTextual() ? resolved.asText() : resolved.toString();
  }

  /** The physical name the resource {@code logicalId} gets (explicit or generated). */
  String physicalName(String logicalId) {
    JsonNode resource = resources.path(logicalId);
    String type = resource.path("Type").asText();
    String property = NAME_PROPERTY.get(type);
    if (property != null && resource.path("Properties").has(property)) {
      return text(resource.path("Properties").path(property));
    }
    String suffix = String.format("%012X", Math.abs((long) (stack + logicalId).hashCode()) * 7919L);
    String name = stack + "-" + logicalId;
    return switch (type) {
      case "AWS::S3::Bucket" ->
          truncate(name.toLowerCase(Locale.ROOT), 50) + "-" + suffix.toLowerCase(Locale.ROOT);
      case "AWS::SageMaker::Model", "AWS::SageMaker::EndpointConfig", "AWS::SageMaker::Endpoint" ->
          truncate(logicalId, 50) + "-" + suffix;
      default -> truncate(name, 50) + "-" + suffix;
    };
  }

  private JsonNode ref(String name) {
    switch (name) {
      case "AWS::Partition":
        return TextNode.valueOf("aws");
      case "AWS::Region":
        return TextNode.valueOf(assembly.region());
      case "AWS::AccountId":
        return TextNode.valueOf(assembly.account());
      case "AWS::URLSuffix":
        return TextNode.valueOf("amazonaws.com");
      case "AWS::StackName":
        return TextNode.valueOf(stack);
      case "AWS::StackId":
        return TextNode.valueOf(arn("cloudformation", "stack/" + stack + "/0a1b2c3d"));
      case "AWS::NoValue":
        return TextNode.valueOf(UNRESOLVED + "AWS::NoValue}}");
      default:
        break;
    }
    JsonNode parameter = assembly.template(stack).path("Parameters").path(name);
    if (!parameter.isMissingNode()) {
      return parameter.has("Default") ? parameter.get("Default") : TextNode.valueOf("parameter");
    }
    String type = resources.path(name).path("Type").asText();
    String physical = physicalName(name);
    return TextNode.valueOf(
        switch (type) {
          case "AWS::IAM::ManagedPolicy" ->
              "arn:aws:iam::" + assembly.account() + ":policy/" + physical;
          case "AWS::EC2::VPC" -> "vpc-" + ec2Id(name);
          case "AWS::EC2::Subnet" -> "subnet-" + ec2Id(name);
          case "AWS::SNS::Topic",
              "AWS::StepFunctions::StateMachine",
              "AWS::SageMaker::Model",
              "AWS::SageMaker::EndpointConfig",
              "AWS::SageMaker::Endpoint" ->
              arnOf(name);
          case "" -> UNRESOLVED + "Ref " + name + "}}";
          default -> physical;
        });
  }

  private JsonNode getAtt(String logicalId, String attribute) {
    String type = resources.path(logicalId).path("Type").asText();
    String name = physicalName(logicalId);
    String value =
        switch (attribute) {
          case "Arn",
              "TopicArn",
              "PolicyArn",
              "DomainArn",
              "UserProfileArn",
              "StudioLifecycleConfigArn" ->
              arnOf(logicalId);
          case "DomainId" -> domainId(logicalId);
          case "RoleId" -> "AROA" + name.hashCode();
          case "DomainName" -> name + ".s3.amazonaws.com";
          case "RegionalDomainName" -> name + ".s3." + assembly.region() + ".amazonaws.com";
          case "RepositoryUri" ->
              assembly.account() + ".dkr.ecr." + assembly.region() + ".amazonaws.com/" + name;
          case "Name",
              "TopicName",
              "ModelName",
              "EndpointConfigName",
              "EndpointName",
              "StateMachineName" ->
              name;
          default ->
              type.startsWith("Custom::")
                  ? "custom-" + attribute
                  : UNRESOLVED + "GetAtt " + logicalId + "." + attribute + "}}";
        };
    return TextNode.valueOf(value);
  }

  /** The ARN of resource {@code logicalId} as AWS formats it for its type. */
  String arnOf(String logicalId) {
    String type = resources.path(logicalId).path("Type").asText();
    String name = physicalName(logicalId);
    String lower = name.toLowerCase(Locale.ROOT); // SageMaker lower-cases names in ARNs
    return switch (type) {
      case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
      case "AWS::IAM::Role" -> "arn:aws:iam::" + assembly.account() + ":role/" + name;
      case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + assembly.account() + ":policy/" + name;
      case "AWS::Lambda::Function" -> arn("lambda", "function:" + name);
      case "AWS::Logs::LogGroup" -> arn("logs", "log-group:" + name + ":*");
      case "AWS::SNS::Topic" -> arn("sns", name);
      case "AWS::StepFunctions::StateMachine" -> arn("states", "stateMachine:" + name);
      case "AWS::SageMaker::Model" -> arn("sagemaker", "model/" + lower);
      case "AWS::SageMaker::EndpointConfig" -> arn("sagemaker", "endpoint-config/" + lower);
      case "AWS::SageMaker::Endpoint" -> arn("sagemaker", "endpoint/" + lower);
      case "AWS::ECR::Repository" -> arn("ecr", "repository/" + name);
      case "AWS::Scheduler::Schedule" -> arn("scheduler", "schedule/default/" + name);
      case "AWS::CloudWatch::Alarm" -> arn("cloudwatch", "alarm:" + name);
      case "AWS::SageMaker::Domain" -> arn("sagemaker", "domain/" + domainId(logicalId));
      case "AWS::SageMaker::UserProfile" ->
          arn(
              "sagemaker",
              "user-profile/"
                  + text(resources.path(logicalId).path("Properties").path("DomainId"))
                  + "/"
                  + lower);
      case "AWS::SageMaker::StudioLifecycleConfig" ->
          arn("sagemaker", "studio-lifecycle-config/" + lower);
      default -> UNRESOLVED + "Arn " + logicalId + "}}";
    };
  }

  /** An EC2 id's hex part (17 digits), stable per resource. */
  private String ec2Id(String logicalId) {
    return String.format("%017x", Math.abs((long) (stack + logicalId).hashCode()) * 7919L)
        .substring(0, 17);
  }

  /** A Studio domain's id as SageMaker makes them ({@code d-} and 12 lower-case alphanumerics). */
  private String domainId(String logicalId) {
    return "d-"
        + String.format("%012x", Math.abs((long) (stack + logicalId).hashCode()) * 7919L)
            .substring(0, 12);
  }

  private String arn(String service, String resource) {
    return "arn:aws:"
        + service
        + ":"
        + assembly.region()
        + ":"
        + assembly.account()
        + ":"
        + resource;
  }

  private JsonNode join(JsonNode arg) {
    String separator = arg.get(0).asText();
    JsonNode parts = resolve(arg.get(1));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      out.append(parts.get(i).asText());
    }
    return TextNode.valueOf(out.toString());
  }

  private JsonNode split(JsonNode arg) {
    ArrayNode out = NODES.arrayNode();
    String separator = arg.get(0).asText();
    for (String part :
        resolve(arg.get(1)).asText().split(java.util.regex.Pattern.quote(separator), -1)) {
      out.add(part);
    }
    return out;
  }

  private JsonNode sub(JsonNode arg) {
    String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
    JsonNode variables = arg.isArray() ? arg.get(1) : NODES.objectNode();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        out.append(text.substring(i));
        break;
      }
      out.append(text, i, start);
      int end = text.indexOf('}', start);
      String name = text.substring(start + 2, end);
      if (name.startsWith("!")) {
        out.append("${").append(name.substring(1)).append('}');
      } else if (variables.has(name)) {
        out.append(text(variables.get(name)));
      } else if (name.contains(".")) {
        int dot = name.indexOf('.');
        out.append(getAtt(name.substring(0, dot), name.substring(dot + 1)).asText());
      } else {
        out.append(ref(name).asText());
      }
      i = end + 1;
    }
    return TextNode.valueOf(out.toString());
  }

  private JsonNode importValue(String exportName) {
    for (Map.Entry<String, JsonNode> entry : assembly.templates().entrySet()) {
      CfnResolver other = new CfnResolver(assembly, entry.getKey());
      for (Iterator<JsonNode> it = entry.getValue().path("Outputs").elements(); it.hasNext(); ) {
        JsonNode output = it.next();
        if (output.has("Export")
            && other.text(output.path("Export").path("Name")).equals(exportName)) {
          return other.resolve(output.path("Value"));
        }
      }
    }
    return TextNode.valueOf(UNRESOLVED + "ImportValue " + exportName + "}}");
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
