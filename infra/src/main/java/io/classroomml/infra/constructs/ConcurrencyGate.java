package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Lets at most {@code limit} executions of one pipeline run at once, so a student's spend per hour
 * is bounded (not only per run) and the budget's hours of lag cannot be multiplied by parallel
 * runs. The first state lists the pipeline's own running executions ({@code ListExecutions}, which
 * counts this one too); above the limit the execution fails with {@value #ERROR} before any job
 * starts.
 *
 * <p>Two executions started together may both see each other and both fail (never both pass): each
 * counts itself, and a run that passed the gate stays RUNNING while its job runs. Step Functions
 * documents ListExecutions as eventually consistent, so starts within about a second of each other
 * may both be counted late; the budget stays the backstop there.
 */
public final class ConcurrencyGate extends Construct {

  /** The error an execution over the limit fails with. */
  public static final String ERROR = "TooManyRunning";

  private final int limit;
  private final CustomState count;
  private final Choice check;

  /**
   * @param limit how many executions may run at once (at least 1)
   * @param pipeline the pipeline's name in the error, e.g. {@code training}
   */
  public ConcurrencyGate(Construct scope, String id, int limit, String pipeline) {
    super(scope, id);
    if (limit < 1) {
      throw new IllegalArgumentException("the concurrency limit must be at least 1: " + limit);
    }
    this.limit = limit;
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("StateMachineArn.$", "$$.StateMachine.Id");
    parameters.put("StatusFilter", "RUNNING");
    parameters.put("MaxResults", limit + 1);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Type", "Task");
    state.put("Resource", "arn:" + Aws.PARTITION + ":states:::aws-sdk:sfn:listExecutions");
    state.put("Parameters", parameters);
    state.put("ResultSelector", Ordered.map("running.$", "States.ArrayLength($.Executions)"));
    state.put("ResultPath", "$.gate");
    this.count = CustomState.Builder.create(this, "CountRunning").stateJson(state).build();
    Fail tooMany =
        Fail.Builder.create(this, "TooManyRunning")
            .error(ERROR)
            .cause(
                "at most "
                    + limit
                    + " "
                    + pipeline
                    + (limit == 1 ? " run" : " runs")
                    + " at once per student (maxConcurrentJobs): wait for the running one to"
                    + " finish, or stop it, then start again")
            .build();
    this.check = Choice.Builder.create(this, "UnderTheLimit").build();
    check.when(Condition.numberGreaterThan("$.gate.running", limit), tooMany);
    count.next(check);
  }

  /** The gate followed, when under the limit, by {@code next}: the pipeline's new start. */
  public IChainable then(IChainable next) {
    check.otherwise(next);
    return count;
  }

  /**
   * Lets {@code stateMachine} list its own executions. A policy of its own rather than the role's
   * default policy: the state machine depends on that one, and this one names the state machine.
   */
  public void grantTo(StateMachine stateMachine) {
    Policy.Builder.create(this, "ListOwnExecutions")
        .roles(List.of(stateMachine.getRole()))
        .statements(
            List.of(
                PolicyStatement.Builder.create()
                    .actions(List.of("states:ListExecutions"))
                    .resources(List.of(stateMachine.getStateMachineArn()))
                    .build()))
        .build();
  }

  /** How many executions may run at once. */
  public int limit() {
    return limit;
  }
}
