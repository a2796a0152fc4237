package io.classroomml.contract;

import java.util.List;

/**
 * Where a training job's data lives in S3: one prefix per {@link Channels channel} under the data
 * location (a student's data bucket, or a course's shared prefix), the same names the trainer reads
 * under {@code /opt/ml/input/data/}. The pipelines read these prefixes, the docs tell students to
 * upload to them and local mode lays its channel folders out the same way.
 *
 * <pre>
 * s3://&lt;data bucket&gt;/train/          required: the training set (any format of docs/data-formats.md)
 * s3://&lt;data bucket&gt;/validation/     optional: the evaluation set; the job gets the channel only
 *                                    when something is there
 * s3://&lt;data bucket&gt;/batch/input/    what the batch transform pipeline classifies
 * </pre>
 */
public final class DataLayout {

  /** The channel every training job needs; a job without it fails before it starts. */
  public static final String REQUIRED_CHANNEL = Channels.TRAIN;

  /** The channel a training job gets only when its prefix holds data. */
  public static final String OPTIONAL_CHANNEL = Channels.VALIDATION;

  /** The channels the pipelines give a training job, required first. */
  public static final List<String> CHANNELS = List.of(REQUIRED_CHANNEL, OPTIONAL_CHANNEL);

  /** Key prefix of the batch transform's input, in the data bucket. */
  public static final String BATCH_INPUT_PREFIX = "batch/input/";

  private DataLayout() {}

  /** The key prefix of {@code channel} under the data location: {@code <channel>/}. */
  public static String channelPrefix(String channel) {
    return channel + "/";
  }
}
