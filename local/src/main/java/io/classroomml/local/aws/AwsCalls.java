package io.classroomml.local.aws;

import io.classroomml.local.LocalException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where the SDK's errors become text: what AWS said, and what the student can do
 * about it. Errors a verb can name more precisely (an unknown stack, pipeline or execution) are
 * caught where they happen; everything else ends here.
 */
final class AwsCalls {

  private AwsCalls() {}

  /** The value of an asynchronous call, its failure thrown as the SDK's own exception. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** {@code e} as a message naming the call, the cause and the fix. */
  static LocalException explain(SdkException e, String region) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = service.awsErrorDetails().errorCode();
      String said = code + ": " + service.awsErrorDetails().errorMessage();
      String service_ = service.awsErrorDetails().serviceName();
      if (service.statusCode() == 403
          || code.contains("AccessDenied")
          || code.equals("UnauthorizedOperation")) {
        return new LocalException(
            service_
                + " refused the request ("
                + said
                + "): use the credentials of your student role (--profile NAME, a profile that"
                + " assumes the StudentRoleArn of your stack), for your own stack only",
            e);
      }
      if (code.contains("ExpiredToken")
          || code.equals("InvalidClientTokenId")
          || code.equals("UnrecognizedClientException")
          || code.equals("SignatureDoesNotMatch")) {
        return new LocalException(
            service_
                + " did not accept the credentials ("
                + said
                + "): renew them (aws sso login, or new keys) or pick another --profile",
            e);
      }
      return new LocalException(service_ + " in " + region + " answered " + said, e);
    }
    if (e instanceof SdkClientException
        && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
      return new LocalException(
          "no AWS credentials found: run aws configure (or aws sso login), set AWS_PROFILE, or"
              + " pass --profile NAME",
          e);
    }
    return new LocalException("could not reach AWS in " + region + ": " + e.getMessage(), e);
  }
}
