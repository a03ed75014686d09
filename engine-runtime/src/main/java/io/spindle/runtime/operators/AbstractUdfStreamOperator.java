package io.spindle.runtime.operators;

import io.spindle.api.checkpoint.CheckpointListener;
import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.checkpoint.OperatorStateStore;
import io.spindle.api.functions.Function;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.RichFunction;
import io.spindle.runtime.state.DefaultOperatorStateStore;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.KeyedStateSnapshot;
import io.spindle.runtime.state.KeyedStateBackend;
import io.spindle.runtime.state.timers.InternalTimerService;
import io.spindle.runtime.state.timers.Triggerable;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Base of operators that run a user function. It opens and closes a {@link RichFunction} with a
 * runtime context, and when the task gives a state key selector (the input follows a
 * {@code keyBy}) it owns the keyed state backend and, if the operator asks for one, the timer
 * service, whose event-time timers it advances with each watermark before forwarding it.
 * Checkpoints take the keyed state (timers included), the operator's list states and those of a
 * {@link CheckpointedFunction}; a {@link CheckpointListener} function hears of their completion.
 *
 * <p>The user function is the only serialized field; everything else is created in
 * {@link #setup} and {@link #open} on the task.
 */
public abstract class AbstractUdfStreamOperator<OUT, F extends Function> implements StreamOperator<OUT> {
    private static final long serialVersionUID = 1L;
    private static final String TIMER_SERVICE_NAME = "_spindle_timers";

    protected final F userFunction;

    protected transient StreamOperatorParameters<OUT> parameters;
    protected transient Output<OUT> output;
    private transient KeySelector<Object, Object> keySelector;
    private transient KeyedStateBackend keyedStateBackend;
    private transient DefaultOperatorStateStore operatorStateStore;
    private transient InternalTimerService<?> timerService;
    private transient boolean functionOpen;

    protected AbstractUdfStreamOperator(F userFunction) {
        this.userFunction = Objects.requireNonNull(userFunction, "user function");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setup(StreamOperatorParameters<OUT> parameters) {
        this.parameters = parameters;
        this.output = parameters.output();
        if (parameters.stateKeySelector() != null) {
            keySelector = (KeySelector<Object, Object>) parameters.stateKeySelector();
        }
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        TaskInfo task = parameters.taskInfo();
        if (keySelector != null) {
            KeyGroupRange range = KeyGroupRange.forSubtask(task.maxParallelism(), task.parallelism(), task.subtaskIndex());
            KeyedStateBackend backend = context.stateBackendFactory()
                    .createKeyedStateBackend(range, task.maxParallelism(), parameters.userClassLoader());
            context.readKeyGroups(range, backend::restoreKeyGroup);
            keyedStateBackend = backend;
        }
        operatorStateStore = new DefaultOperatorStateStore(context.operatorState(), parameters.userClassLoader());
        if (userFunction instanceof CheckpointedFunction checkpointed) {
            OptionalLong restoredId = context.restoredCheckpointId();
            checkpointed.initializeState(new FunctionInitializationContext() {
                @Override
                public boolean isRestored() {
                    return restoredId.isPresent();
                }

                @Override
                public OptionalLong getRestoredCheckpointId() {
                    return restoredId;
                }

                @Override
                public OperatorStateStore getOperatorStateStore() {
                    return operatorStateStore;
                }
            });
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId, long timestamp) throws Exception {
        if (userFunction instanceof CheckpointedFunction checkpointed) {
            checkpointed.snapshotState(new FunctionSnapshotContext() {
                @Override
                public long getCheckpointId() {
                    return checkpointId;
                }

                @Override
                public long getCheckpointTimestamp() {
                    return timestamp;
                }
            });
        }
        // List states first: their serialization can fail, and the keyed snapshot holds the backend until released.
        var listStates = operatorStateStore.snapshot();
        KeyedStateSnapshot keyed = keyedStateBackend == null ? null : keyedStateBackend.snapshot();
        return new OperatorSnapshot(keyed, listStates);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        if (userFunction instanceof CheckpointListener listener) {
            listener.notifyCheckpointComplete(checkpointId);
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        if (userFunction instanceof CheckpointListener listener) {
            listener.notifyCheckpointAborted(checkpointId);
        }
    }

    @Override
    public void open() throws Exception {
        if (userFunction instanceof RichFunction rich) {
            rich.open(new StreamingRuntimeContext(parameters.taskInfo(), parameters.counters(), keyedStateBackend,
                    userFunction.getClass().getName(), parameters.distributedCache()));
            functionOpen = true;
        }
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        if (timerService != null) {
            timerService.advanceWatermark(watermark);
        }
        output.emitWatermark(watermark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        output.emitWatermarkStatus(status);
    }

    @Override
    public void close() throws Exception {
        if (keyedStateBackend != null) {
            keyedStateBackend.dispose();
        }
        if (functionOpen) {
            functionOpen = false;
            ((RichFunction) userFunction).close();
        }
    }

    public final F getUserFunction() {
        return userFunction;
    }

    /** The keyed state of this instance, or null when its input is not keyed. */
    public final KeyedStateBackend getKeyedStateBackend() {
        return keyedStateBackend;
    }

    /**
     * Fails with a message that tells the user to key the stream, for operators that only make
     * sense on a keyed stream. {@code apiCall} is the API method that built the operator.
     */
    protected final void requireKeyedInput(String apiCall) {
        if (keyedStateBackend == null) {
            throw new IllegalStateException(apiCall + " works only on a KeyedStream; call keyBy(...) before "
                    + apiCall + " (task '" + parameters.taskInfo().taskName() + "')");
        }
    }

    /**
     * On a keyed input, makes the key of {@code value} the current key, so a function that
     * follows {@code keyBy} without being a keyed operator can still use keyed state.
     */
    protected final void setCurrentKeyIfKeyed(Object value) throws Exception {
        if (keySelector != null) {
            setCurrentKeyOf(value);
        }
    }

    /** Makes the key of {@code value} the current key of the keyed state and timers. */
    protected final void setCurrentKeyOf(Object value) throws Exception {
        keyedStateBackend.setCurrentKey(keyOf(value));
    }

    /** The key of {@code value} on a keyed input; a null key is the user's error and says so. */
    protected final Object keyOf(Object value) throws Exception {
        Object key = keySelector.getKey(value);
        if (key == null) {
            throw new IllegalStateException("The key selector of keyBy(...) returned null for record " + value
                    + "; every record needs a non-null key");
        }
        return key;
    }

    /**
     * Creates this operator's timer service, with the timers restored for it; requires a keyed
     * input and may be called once.
     */
    protected final <N> InternalTimerService<N> createTimerService(Triggerable<N> target) {
        if (timerService != null) {
            throw new IllegalStateException("the timer service of " + getClass().getSimpleName() + " exists already");
        }
        InternalTimerService<N> created =
                keyedStateBackend.getTimerService(TIMER_SERVICE_NAME, parameters.processingTimeService(), target);
        timerService = created;
        return created;
    }

}
