package io.classroomml.training.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of our optimisers: the learning rate comes from a {@link LearningRateSchedule} at a global
 * step the training loop sets (so a resumed job continues the schedule where it stopped), per-
 * parameter rate multipliers are supported, and the state buffers can be saved in a checkpoint.
 *
 * <p>DJL's PyTorch engine has no Nesterov update and folds the learning rate into the momentum
 * buffer, which breaks with a changing rate; these optimisers write the updates out as in-place
 * array operations instead. Temporaries live in an {@link NDScope} per update, so nothing
 * accumulates in the parameter's manager.
 */
public abstract class ScheduledOptimizer extends Optimizer {

  private final LearningRateSchedule schedule;
  private final Map<String, Double> multipliers = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();

  /** State buffers: slot name → parameter id → device → array. */
  private final Map<String, Map<String, Map<Device, NDArray>>> state = new ConcurrentHashMap<>();

  private volatile long step;

  protected ScheduledOptimizer(LearningRateSchedule schedule, float weightDecay) {
    super(new Builder().optWeightDecays(weightDecay));
    this.schedule = schedule;
  }

  /** Sets the zero-based global step whose rate the next update uses. */
  public void setStep(long step) {
    this.step = step;
  }

  /** The rate of the current step. */
  public double learningRate() {
    return schedule.at(step);
  }

  /** Multiplies the learning rate of one parameter (e.g. batch-norm biases in airbench). */
  public void setMultiplier(String parameterId, double multiplier) {
    multipliers.put(parameterId, multiplier);
  }

  /** Names a parameter id, so that its state can be saved and restored by name. */
  public void nameParameter(String parameterId, String name) {
    names.put(parameterId, name);
  }

  /** The zero-based step the optimiser is at. */
  protected long step() {
    return step;
  }

  @Override
  public final void update(String parameterId, NDArray weight, NDArray grad) {
    float lr = (float) (schedule.at(step) * multipliers.getOrDefault(parameterId, 1.0));
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      apply(parameterId, weight, grad.mul(rescaleGrad), lr, getWeightDecay());
      // PyTorch accumulates into .grad and DJL's collector does not clear it: the optimiser must
      // (DJL's own PyTorch optimisers call zero_grad after their update, too).
      NDArray accumulated = weight.getGradient();
      accumulated.subi(accumulated);
    }
  }

  /** Updates {@code weight} in place. Temporaries are freed after the call. */
  protected abstract void apply(
      String parameterId, NDArray weight, NDArray grad, float lr, float weightDecay);

  /** The state buffer {@code slot} of a parameter, created as zeros on first use. */
  protected NDArray buffer(String slot, String parameterId, NDArray like) {
    Map<String, Map<Device, NDArray>> slotState =
        state.computeIfAbsent(slot, k -> new ConcurrentHashMap<>());
    return withDefaultState(
        slotState,
        parameterId,
        like.getDevice(),
        k -> {
          NDArray zeros = like.zerosLike();
          NDScope.unregister(zeros);
          return zeros;
        });
  }

  /** The state buffers (first device), each named {@code slot/parameterName}. */
  public NDList exportState() {
    NDList out = new NDList();
    state.forEach(
        (slot, byParameter) ->
            byParameter.forEach(
                (id, byDevice) -> {
                  String name = names.get(id);
                  if (name != null && !byDevice.isEmpty()) {
                    NDArray a = byDevice.values().iterator().next();
                    NDArray copy = a.duplicate();
                    copy.setName(slot + "/" + name);
                    out.add(copy);
                  }
                }));
    return out;
  }

  /** Restores buffers written by {@link #exportState}, onto each parameter's device. */
  public void importState(NDList saved, Map<String, NDArray> parametersByName) {
    Map<String, String> idByName = new HashMap<>();
    names.forEach((id, name) -> idByName.put(name, id));
    for (NDArray array : saved) {
      String[] parts = array.getName().split("/", 2);
      String id = idByName.get(parts[1]);
      NDArray parameter = parametersByName.get(parts[1]);
      if (id == null || parameter == null) {
        continue;
      }
      NDManager owner = parameter.getManager();
      NDArray copy = owner.create(array.getShape(), array.getDataType(), parameter.getDevice());
      copy.set(array.toByteBuffer());
      state
          .computeIfAbsent(parts[0], k -> new ConcurrentHashMap<>())
          .computeIfAbsent(id, k -> new ConcurrentHashMap<>())
          .put(parameter.getDevice(), copy);
    }
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
