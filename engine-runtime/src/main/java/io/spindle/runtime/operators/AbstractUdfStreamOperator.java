package io.spindle.runtime.operators;

import io.spindle.api.functions.Function;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.RichFunction;
import io.spindle.runtime.operators.timers.InternalTimerService;
import io.spindle.runtime.operators.timers.Triggerable;
import io.spindle.runtime.state.HeapKeyedStateBackend;
import io.spindle.runtime.state.KeyGroupRange;
import io.spindle.runtime.state.KeyedStateBackend;
import java.util.Objects;

/**
 * Base of operators that run a user function. It opens and closes a {@link RichFunction} with a
 * runtime context, and when the task gives a state key selector (the input follows a
 * {@code keyBy}) it owns the keyed state backend and, if the operator asks for one, the timer
 * service, whose event-time timers it advances with each watermark before forwarding it.
 *
 * <p>The user function is the only serialized field; everything else is created in
 * {@link #setup} and {@link #open} on the task.
 */
public abstract class AbstractUdfStreamOperator<OUT, F extends Function> implements StreamOperator<OUT> {
    private static final long serialVersionUID = 1L;

    protected final F userFunction;

    protected transient StreamOperatorParameters<OUT> parameters;
    protected transient Output<OUT> output;
    private transient KeySelector<Object, Object> keySelector;
    private transient HeapKeyedStateBackend keyedStateBackend;
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
            TaskInfo task = parameters.taskInfo();
            keySelector = (KeySelector<Object, Object>) parameters.stateKeySelector();
            keyedStateBackend = new HeapKeyedStateBackend(
                    KeyGroupRange.forSubtask(task.maxParallelism(), task.parallelism(), task.subtaskIndex()),
                    task.maxParallelism());
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
    public void close() throws Exception {
        if (timerService != null) {
            timerService.close();
        }
        if (functionOpen) {
            functionOpen = false;
            ((RichFunction) userFunction).close();
        }
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

    /** Creates this operator's timer service; requires a keyed input and may be called once. */
    protected final <N> InternalTimerService<N> createTimerService(Triggerable<N> target) {
        if (timerService != null) {
            throw new IllegalStateException("the timer service of " + getClass().getSimpleName() + " exists already");
        }
        InternalTimerService<N> created =
                new InternalTimerService<>(keyedStateBackend, parameters.processingTimeService(), target);
        timerService = created;
        return created;
    }
}
