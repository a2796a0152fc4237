package io.classroomml.local.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * A SageMaker job's log lines from CloudWatch Logs, read on from where the last call stopped:
 * SageMaker writes one stream per instance, {@code <job>/algo-1-<epoch seconds>} for training and
 * {@code <job>/<instance id>} for transform, in the kind's log group. The student role may find
 * streams in the group (DescribeLogStreams) and read its own streams (GetLogEvents), nothing more.
 */
final class LogTail {

  private final CloudWatchLogsClient logs;
  private final String group;
  private final String job;

  /** Stream name to the forward token to read on from (null: from the start). */
  private final Map<String, String> streams = new LinkedHashMap<>();

  LogTail(CloudWatchLogsClient logs, String group, String job) {
    this.logs = logs;
    this.group = group;
    this.job = job;
  }

  /** The lines written since the last call, stream by stream; none before the job has logged. */
  List<String> next() {
    try {
      for (LogStream stream :
          logs.describeLogStreams(r -> r.logGroupName(group).logStreamNamePrefix(job + "/"))
              .logStreams()) {
        streams.putIfAbsent(stream.logStreamName(), null);
      }
    } catch (ResourceNotFoundException e) {
      return List.of(); // the group exists once the account's first job has logged
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, String> stream : streams.entrySet()) {
      String token = stream.getValue();
      while (true) {
        String from = token;
        GetLogEventsResponse page =
            logs.getLogEvents(
                r ->
                    r.logGroupName(group)
                        .logStreamName(stream.getKey())
                        .startFromHead(true)
                        .nextToken(from));
        page.events().stream().map(OutputLogEvent::message).forEach(lines::add);
        // The end of the stream for now: the same token comes back.
        boolean end = page.nextForwardToken() == null || page.nextForwardToken().equals(from);
        token = page.nextForwardToken() == null ? from : page.nextForwardToken();
        if (end || page.events().isEmpty()) {
          break;
        }
      }
      stream.setValue(token);
    }
    return lines;
  }
}
