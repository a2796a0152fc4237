package io.classroomml.runtime.gateway;

import io.classroomml.contract.SageMakerName;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code InvokeEndpoint}'s documented input constraints, as botocore's {@code sagemaker-runtime}
 * 2017-05-13 {@code service-2.json} states them (lengths and patterns of the URI and header
 * members), checked before the body is read and reported the way AWS words a {@code
 * ValidationError}: "N validation errors detected: Value ... at 'member' failed to satisfy
 * constraint: ...". {@code CustomAttributes} is held to "visible US-ASCII", as the API reference
 * says.
 */
final class InvokeEndpointRules {

  /** The name pattern of endpoints, variants, container host names. */
  private static final String NAME_PATTERN = SageMakerName.API_PATTERN;

  private static final String ASCII = "\\p{ASCII}*";
  private static final String PRINTABLE_ASCII = "\\p{Print}*";
  private static final String ID = "\\A\\S[\\p{Print}]*\\z";

  /** One member: its header, the API's member name, bounds and pattern. */
  private record Rule(
      String header, String member, int min, int max, String pattern, boolean sensitive) {

    void check(String value, List<String> errors) {
      if (value == null) {
        return;
      }
      String shown = sensitive ? "Value" : "Value '" + value + "'";
      String prefix = shown + " at '" + member + "' failed to satisfy constraint: Member must ";
      if (value.length() > max) {
        errors.add(prefix + "have length less than or equal to " + max);
      } else if (value.length() < min) {
        errors.add(prefix + "have length greater than or equal to " + min);
      } else if (!Pattern.compile(pattern).matcher(value).matches()) {
        errors.add(prefix + "satisfy regular expression pattern: " + pattern);
      }
    }
  }

  private static final Rule ENDPOINT_NAME =
      new Rule("", "endpointName", 1, SageMakerName.ENDPOINT.maxLength(), NAME_PATTERN, false);

  private static final List<Rule> HEADERS =
      List.of(
          new Rule("Content-Type", "contentType", 0, 1024, ASCII, false),
          new Rule("Accept", "accept", 0, 1024, ASCII, false),
          new Rule(
              "X-Amzn-SageMaker-Custom-Attributes",
              "customAttributes",
              0,
              1024,
              PRINTABLE_ASCII,
              true),
          new Rule("X-Amzn-SageMaker-Target-Model", "targetModel", 1, 1024, ID, false),
          new Rule("X-Amzn-SageMaker-Target-Variant", "targetVariant", 0, 63, NAME_PATTERN, false),
          new Rule(
              "X-Amzn-SageMaker-Target-Container-Hostname",
              "targetContainerHostname",
              0,
              63,
              NAME_PATTERN,
              false),
          new Rule("X-Amzn-SageMaker-Inference-Id", "inferenceId", 1, 64, ID, false),
          new Rule(
              "X-Amzn-SageMaker-Enable-Explanations", "enableExplanations", 1, 64, ".*", false),
          new Rule(
              "X-Amzn-SageMaker-Inference-Component",
              "inferenceComponentName",
              0,
              63,
              "^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$",
              false),
          new Rule(
              "X-Amzn-SageMaker-Session-Id",
              "sessionId",
              0,
              256,
              "^(NEW_SESSION)$|^[a-zA-Z0-9](-*[a-zA-Z0-9])*$",
              false));

  private InvokeEndpointRules() {}

  /** Every constraint {@code endpointName} and {@code headers} break; empty when none. */
  static List<String> violations(String endpointName, HttpHeaders headers) {
    List<String> errors = new ArrayList<>();
    ENDPOINT_NAME.check(endpointName, errors);
    for (Rule rule : HEADERS) {
      rule.check(headers.get(rule.header()), errors);
    }
    return errors;
  }

  /** AWS's wording for a list of violations. */
  static String message(List<String> violations) {
    return violations.size()
        + (violations.size() == 1
            ? " validation error detected: "
            : " validation errors detected: ")
        + String.join("; ", violations);
  }
}
