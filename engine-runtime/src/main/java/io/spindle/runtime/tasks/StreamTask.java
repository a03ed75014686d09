package io.spindle.runtime.tasks;

import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.LongCounter;
import io.spindle.graph.OperatorChainSpec;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.filecache.FileCache;
import io.spindle.runtime.network.InputChannelSpec;
import io.spindle.runtime.network.InputGate;
import io.spindle.runtime.network.NetworkEnvironment;
import io.spindle.runtime.network.ResultPartition;
import io.spindle.runtime.network.ResultPartitionId;
import io.spindle.runtime.operators.OneInputStreamOperator;
import io.spindle.runtime.operators.Output;
import io.spindle.runtime.operators.StreamOperator;
import io.spindle.runtime.operators.StreamOperatorParameters;
import io.spindle.runtime.operators.StreamSource;
import io.spindle.runtime.operators.TaskInfo;
import io.spindle.runtime.partitioner.StreamPartitioner;
import io.spindle.runtime.checkpoint.CheckpointingOptions;
import io.spindle.runtime.checkpoint.SnapshotType;
import io.spindle.runtime.state.StateBackendFactory;
import io.spindle.runtime.tasks.barrier.BarrierListener;
import io.spindle.runtime.tasks.barrier.CheckpointBarrierHandler;
import io.spindle.util.InstantiationUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One parallel instance of a job vertex, running its operator chain in its own thread: builds
 * the chain and restores its state, reads its input gate (or runs its source), writes its result
 * partitions, runs mail (timers, checkpoint triggers and notifications) between records, takes
 * its part of checkpoints, and reports its end state exactly once.
 *
 * <p>With checkpointing on, a task whose input has ended waits, before it ends its partitions,
 * until the checkpoints covering everything it did are complete. A source, or a task that emitted
 * or took records after its last barrier, asks for one more checkpoint, which starts at it (no
 * barrier can reach it any more) and waits for that; any other task waits until the last
 * checkpoint it took part in is over. Two-phase sinks thereby commit all output of a bounded job
 * before it finishes.
 *
 * <p>A stop-with-savepoint ({@link SnapshotType#stopsJob}) ends the job with its savepoint: a
 * source emits nothing after its barrier (it keeps the emit lock until the savepoint is over, then
 * stops its function), every task holds its timers after its snapshot, and a task whose input ends
 * after that savepoint completed finishes no operator and takes no further checkpoint. If the
 * savepoint fails the job runs on, unless it drained: event time has then reached its end, so
 * the task fails and the job restarts from its latest checkpoint.
 */
public final class StreamTask implements Runnable, BarrierListener {
    private static final int RECORDS_PER_MAIL_CHECK = 256;

    private final TaskDescriptor descriptor;
    private final NetworkEnvironment network;
    private final ScheduledExecutorService timerThread;
    private final ClassLoader userClassLoader;
    private final TaskStateListener listener;
    private final FileCache fileCache;
    private final CheckpointResponder checkpointResponder;
    private final Executor checkpointExecutor;
    private final boolean checkpointingEnabled;
    private final TaskMailbox mailbox = new TaskMailbox();
    private final Map<String, LongCounter> counters = new HashMap<>();
    /** Written by the task thread, walked by cancel() from other threads. */
    private final List<ResultPartition> partitions = new CopyOnWriteArrayList<>();
    private final List<StreamOperator<?>> operators = new ArrayList<>();

    private volatile boolean cancelled;
    private volatile Thread thread;
    private volatile StreamSource<?> source;
    /** Held while a source emits and while its timers or mail run: see {@link SourceTaskTimers}. */
    private final Object emitLock = new Object();
    private SourceTaskTimers sourceTimers;
    private InputGate inputGate;
    private TaskProcessingTimeService timeService;
    private RestoredChannelState restoredChannels;
    private boolean operatorsFinished;
    /** The stop-with-savepoint whose snapshot this task took, or -1. */
    private long stopSavepointId = -1;
    private SnapshotType stopSavepointType;
    private StopOutcome stopOutcome = StopOutcome.NONE;
    /** A checkpoint triggered while the input still held what the finished producers sent; see triggerCheckpoint. */
    private DeferredTrigger deferredTrigger;

    private record DeferredTrigger(long checkpointId, long timestamp, SnapshotType type, String location) {}
    private SubtaskCheckpointer checkpointer;
    private CheckpointBarrierHandler barrierHandler;
    private StreamInputProcessor<?> inputProcessor;
    /** Records the input processor had fed when the task took its last checkpoint. */
    private long recordsAtLastCheckpoint;
    /** Set once the input ended: from then on this task starts checkpoints itself, as a source does. */
    private volatile boolean inputEnded;

    /**
     * @param fileCache the job's cached files on this TaskManager, shared by its tasks
     * @param checkpointExecutor where state is written to the checkpoint storage, off the task thread
     */
    public StreamTask(TaskDescriptor descriptor, NetworkEnvironment network, ScheduledExecutorService timerThread,
            ClassLoader userClassLoader, FileCache fileCache, TaskStateListener listener,
            CheckpointResponder checkpointResponder, Executor checkpointExecutor) {
        this.fileCache = fileCache;
        this.checkpointResponder = checkpointResponder;
        this.checkpointExecutor = checkpointExecutor;
        this.checkpointingEnabled = descriptor.jobConfiguration().contains(CheckpointingOptions.INTERVAL);
        this.descriptor = descriptor;
        this.network = network;
        this.timerThread = timerThread;
        this.userClassLoader = userClassLoader;
        this.listener = listener;
    }

    public TaskDescriptor getDescriptor() {
        return descriptor;
    }

    /** Starts the task's own thread. */
    public void start() {
        Thread t = new Thread(this, descriptor.taskName() + " (" + (descriptor.subtaskIndex() + 1) + "/"
                + descriptor.parallelism() + ")#" + descriptor.attempt());
        t.setContextClassLoader(userClassLoader);
        thread = t;
        mailbox.bindTo(t);
        t.start();
    }

    /**
     * Any thread: a source task takes a checkpoint between two of its records; so does a task
     * whose input has ended, since no barrier reaches it any more.
     */
    public void triggerCheckpoint(long checkpointId, long timestamp, String location, SnapshotType type) {
        mailbox.put(() -> {
            if (source != null && !inputEnded && type.stopsJob()) {
                stopSourceWithSavepoint(checkpointId, timestamp, type, location);
            } else if (source != null || inputEnded) {
                takeCheckpoint(checkpointId, timestamp, type, location, 0);
            } else {
                // The producers finished, so no barrier comes; it is taken once the input they sent has ended.
                deferredTrigger = new DeferredTrigger(checkpointId, timestamp, type, location);
            }
        });
    }

    /** Any thread. */
    public void notifyCheckpointComplete(long checkpointId) {
        mailbox.put(() -> {
            checkpointer.notifyCheckpointComplete(checkpointId);
            if (checkpointId == stopSavepointId) {
                stopOutcome = StopOutcome.COMPLETED;
            }
        });
    }

    /** Any thread: stop waiting for the checkpoint's barriers and tell the operators. */
    public void notifyCheckpointAborted(long checkpointId) {
        mailbox.put(() -> {
            if (barrierHandler != null) {
                barrierHandler.abortCheckpoint(checkpointId);
            }
            checkpointer.notifyCheckpointAborted(checkpointId);
            if (checkpointId == stopSavepointId && stopOutcome == StopOutcome.PENDING) {
                onStopSavepointAborted();
            }
        });
    }

    @Override
    public void triggerCheckpointOnBarrier(long checkpointId, long timestamp, SnapshotType type, String location,
            long alignmentNanos) throws Exception {
        recordsAtLastCheckpoint = inputProcessor.recordsProcessed();
        takeCheckpoint(checkpointId, timestamp, type, location, alignmentNanos);
    }

    /** Task thread: the synchronous part of a checkpoint; see the class comment for a stopping savepoint. */
    private void takeCheckpoint(long checkpointId, long timestamp, SnapshotType type, String location,
            long alignmentNanos) throws Exception {
        if (type.stopsJob()) {
            if (type.drains()) {
                finishOperators(); // windows fire and sinks flush before the barrier, into this savepoint
            }
            timeService.holdTimers();
            stopSavepointId = checkpointId;
            stopSavepointType = type;
            stopOutcome = StopOutcome.PENDING;
        }
        checkpointer.performCheckpoint(checkpointId, timestamp, type, location, alignmentNanos);
    }

    /**
     * Source thread, in a mail between two records, holding the emit lock: takes the savepoint,
     * then keeps the lock (so neither the function nor a timer emits) until it is over. Completed:
     * the function is stopped and the task ends. Failed: the source goes on.
     */
    private void stopSourceWithSavepoint(long checkpointId, long timestamp, SnapshotType type, String location)
            throws Exception {
        takeCheckpoint(checkpointId, timestamp, type, location, 0);
        if (awaitStopSavepointOutcome()) {
            sourceTimers.sourceEnded();
            source.cancel();
        }
    }

    /** Runs mail until the stop-with-savepoint this task took part in is over; true if it completed. */
    private boolean awaitStopSavepointOutcome() throws Exception {
        while (stopOutcome == StopOutcome.PENDING) {
            if (cancelled) {
                throw new TaskCancelledException("task cancelled");
            }
            mailbox.awaitWork(TimeUnit.MILLISECONDS.toNanos(100));
            if (mailbox.hasMail()) {
                mailbox.runMails();
            }
        }
        return stopOutcome == StopOutcome.COMPLETED;
    }

    private void onStopSavepointAborted() {
        stopOutcome = StopOutcome.ABORTED;
        if (stopSavepointType.drains()) {
            throw new IllegalStateException("The savepoint " + stopSavepointId + " of stop --drain failed after the"
                    + " job's event time was advanced to its end; the job restarts from its latest checkpoint");
        }
        stopSavepointId = -1;
        timeService.releaseHeldTimers();
    }

    @Override
    public void triggerUnalignedCheckpointOnBarrier(long checkpointId, long timestamp, String location) throws Exception {
        recordsAtLastCheckpoint = inputProcessor.recordsProcessed();
        checkpointer.performUnalignedCheckpoint(checkpointId, timestamp, location);
    }

    @Override
    public void inFlightDataComplete(long checkpointId, Map<Integer, byte[]> channels) {
        checkpointer.completeInFlightData(checkpointId, channels);
    }

    /** EXACTLY_ONCE with execution.checkpointing.unaligned.enabled: barriers overtake queued data. */
    private boolean unalignedCheckpoints() {
        return descriptor.jobConfiguration().get(CheckpointingOptions.UNALIGNED)
                && descriptor.jobConfiguration().get(CheckpointingOptions.MODE) == CheckpointingOptions.Mode.EXACTLY_ONCE;
    }

    @Override
    public void abortCheckpointOnBarrier(long checkpointId, String reason) throws Exception {
        checkpointer.abortCheckpoint(checkpointId, reason);
    }

    /** Cancels from any thread: stops the source, wakes a blocked writer, interrupts waits. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        StreamSource<?> s = source;
        if (s != null) {
            s.cancel();
        }
        for (ResultPartition partition : partitions) {
            partition.release(new TaskCancelledException("task cancelled"));
        }
        mailbox.wakeUp();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        try {
            OneInputStreamOperator<?, ?> head = setUp();
            listener.onRunning(descriptor.executionId());
            if (source != null) {
                source.run(emitLock, this::checkMailbox);
                sourceTimers.sourceEnded();
                sourceTimers.rethrowFailure();
            } else if (head != null) {
                processInput(head);
            }
            if (cancelled) {
                throw new TaskCancelledException("task cancelled");
            }
            if (!awaitStopSavepointOutcome()) {
                finishOperators();
                awaitFinalCheckpoints();
            }
            finishPartitions();
            closeOperators();
            Map<String, Long> finalCounters = new HashMap<>();
            counters.forEach((name, counter) -> finalCounters.put(name, counter.get()));
            listener.onFinished(descriptor.executionId(), finalCounters);
        } catch (Throwable t) {
            Throwable cause = unwrap(t);
            // Released first, so that a timer blocked on a full partition gives up the emit lock.
            releaseAll(cause);
            if (sourceTimers != null) {
                // Before the operators close: no timer may run on them any more.
                sourceTimers.sourceEnded();
            }
            closeOperatorsQuietly();
            if (cancelled) {
                listener.onCanceled(descriptor.executionId());
            } else {
                listener.onFailed(descriptor.executionId(), cause);
            }
        } finally {
            if (inputGate != null) {
                inputGate.close();
            }
        }
    }

    private OneInputStreamOperator<?, ?> setUp() throws Exception {
        OperatorChainSpec chain = InstantiationUtil.deserializeObject(descriptor.operatorChain(), userClassLoader);
        Output<?> tailOutput = createNetworkOutputs();
        restoredChannels = RestoredChannelState.of(descriptor);
        restoredChannels.restoreOutputs(partitions);
        TaskInfo taskInfo = new TaskInfo(descriptor.taskName(), descriptor.subtaskIndex(), descriptor.parallelism(),
                descriptor.maxParallelism(), descriptor.attempt());
        List<OperatorChainSpec.ChainedOperator> specs = chain.operators();
        if (specs.get(0).operator() instanceof StreamSource<?>) {
            String name = descriptor.taskName() + " (" + (descriptor.subtaskIndex() + 1) + "/" + descriptor.parallelism() + ")";
            sourceTimers = new SourceTaskTimers(name, emitLock, mailbox, () -> {
                StreamSource<?> running = source;
                if (running != null) {
                    running.cancel();
                }
            });
        }
        timeService = new TaskProcessingTimeService(timerThread,
                sourceTimers != null ? sourceTimers::deliver : mailbox::put);
        Output<?> output = tailOutput;
        // Set up from the tail so each operator's output (the next operator) exists first.
        for (int i = specs.size() - 1; i >= 0; i--) {
            StreamOperator<?> operator = specs.get(i).operator();
            setUpOperator(operator, output, taskInfo, timeService, specs.get(i).stateKeySelector());
            operators.add(0, operator);
            if (i > 0) {
                output = new ChainingOutput<>((OneInputStreamOperator<?, ?>) operator);
            }
        }
        checkpointer = new SubtaskCheckpointer(descriptor, operators, partitions, checkpointResponder, checkpointExecutor,
                unalignedCheckpoints());
        // A source task's timers may fire on their own thread as soon as an operator registered them.
        synchronized (emitLock) {
            initializeState();
            for (int i = operators.size() - 1; i >= 0; i--) {
                operators.get(i).open();
            }
        }
        StreamOperator<?> head = operators.get(0);
        if (head instanceof StreamSource<?> s) {
            source = s;
            if (cancelled) {
                // cancel() ran before the source was published and could not stop it.
                s.cancel();
            }
            return null;
        }
        inputGate = network.createInputGate(descriptor.taskName(), inputChannels(), restoredChannels.inputs());
        inputGate.setAvailabilityListener(mailbox::wakeUp);
        barrierHandler = CheckpointBarrierHandler.create(descriptor.jobConfiguration().get(CheckpointingOptions.MODE),
                unalignedCheckpoints(), descriptor.jobConfiguration().get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT),
                this, inputGate, inputGate.getNumberOfChannels(), System::nanoTime);
        return (OneInputStreamOperator<?, ?>) head;
    }

    /** Every operator gets its share of the restored checkpoint (or nothing) before it opens. */
    private void initializeState() throws Exception {
        List<String> operatorIds = descriptor.operatorIds();
        if (operatorIds.size() != operators.size()) {
            throw new IllegalStateException("Task " + descriptor.taskName() + " has " + operators.size()
                    + " operators but its deployment names " + operatorIds.size() + " operator ids");
        }
        StateBackendFactory backends = StateBackendFactory.fromConfiguration(descriptor.jobConfiguration());
        for (int i = 0; i < operators.size(); i++) {
            operators.get(i).initializeState(new TaskStateRestore(descriptor, operatorIds.get(i), backends));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void setUpOperator(StreamOperator<?> operator, Output<?> output, TaskInfo taskInfo,
            TaskProcessingTimeService timeService, KeySelector<?, ?> keySelector) {
        ((StreamOperator) operator).setup(new StreamOperatorParameters(taskInfo, output, timeService, keySelector,
                (java.util.function.Function<String, LongCounter>) name -> counters.computeIfAbsent(name, n -> new LongCounter()),
                userClassLoader, fileCache));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Output<?> createNetworkOutputs() throws Exception {
        List<TaskDescriptor.OutputSpec> outputs = descriptor.outputs();
        if (outputs.isEmpty()) {
            return new DiscardingOutput<>();
        }
        long flushTimeout = descriptor.bufferTimeoutMillis();
        Output[] writers = new Output[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            TaskDescriptor.OutputSpec spec = outputs.get(i);
            ResultPartition partition = network.createResultPartition(spec.partitionId(), spec.numberOfSubpartitions(), flushTimeout);
            partitions.add(partition);
            KeySelector<?, ?> keySelector = spec.partitionType() == PartitionType.HASH
                    ? InstantiationUtil.deserializeObject(spec.keySelector(), userClassLoader) : null;
            writers[i] = new NetworkOutput(partition, new StreamPartitioner(spec.partitionType(), keySelector,
                    spec.consumerMaxParallelism(), spec.numberOfSubpartitions(), descriptor.subtaskIndex()));
        }
        return writers.length == 1 ? writers[0] : new BroadcastingOutput<>(writers);
    }

    private List<InputChannelSpec> inputChannels() {
        List<InputChannelSpec> channels = new ArrayList<>();
        for (TaskDescriptor.InputSpec input : descriptor.inputs()) {
            channels.add(new InputChannelSpec(input.partitionId(), input.subpartitionIndex(), input.producerDataAddress()));
        }
        return channels;
    }

    private void processInput(OneInputStreamOperator<?, ?> head) throws Exception {
        StreamInputProcessor<?> processor = new StreamInputProcessor<>(inputGate, head, userClassLoader, barrierHandler);
        inputProcessor = processor;
        runInputLoop(processor);
    }

    private void runInputLoop(StreamInputProcessor<?> processor) throws Exception {
        while (!cancelled) {
            if (mailbox.hasMail()) {
                mailbox.runMails();
            }
            barrierHandler.checkAlignmentTimeout();
            StreamInputProcessor.Progress progress = processor.processNext(RECORDS_PER_MAIL_CHECK);
            if (progress == StreamInputProcessor.Progress.END_OF_INPUT) {
                return;
            }
            if (progress == StreamInputProcessor.Progress.NOTHING_AVAILABLE) {
                mailbox.awaitWork(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** Called by a source after each record: runs pending timers in the task thread. */
    private void checkMailbox() {
        if (cancelled) {
            throw new TaskCancelledException("task cancelled");
        }
        if (mailbox.hasMail()) {
            try {
                synchronized (emitLock) {
                    mailbox.runMails();
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ChainingOutput.ChainedOperatorException(e);
            }
        }
    }

    /** Bounded input ended, or a drain: final watermark, then finish each operator head to tail; once. */
    private void finishOperators() throws Exception {
        if (operatorsFinished) {
            return;
        }
        operatorsFinished = true;
        if (inputProcessor == null || !inputProcessor.deliveredFinalWatermark()) {
            operators.get(0).processWatermark(Long.MAX_VALUE);
        }
        for (StreamOperator<?> operator : operators) {
            operator.finish();
        }
        if (mailbox.hasMail()) {
            mailbox.runMails();
        }
    }

    /**
     * With checkpointing on, runs mail (checkpoint triggers, notifications) until the checkpoints
     * that cover this task's work are complete; see the class comment.
     */
    private void awaitFinalCheckpoints() throws Exception {
        if (!checkpointingEnabled) {
            return;
        }
        long lastBeforeEnd = checkpointer.lastPerformedId();
        boolean needsOwnCheckpoint = needsCheckpointAfterEnd();
        DeferredTrigger deferred = deferredTrigger;
        deferredTrigger = null;
        if (deferred != null && deferred.checkpointId() > lastBeforeEnd) {
            takeCheckpoint(deferred.checkpointId(), deferred.timestamp(), deferred.type(), deferred.location(), 0);
        }
        if (needsOwnCheckpoint) {
            inputEnded = true;
            checkpointResponder.requestFinalCheckpoint(descriptor.executionId());
        }
        while (needsOwnCheckpoint ? !checkpointer.completedCheckpointAfter(lastBeforeEnd)
                : !checkpointer.allPerformedCheckpointsResolved()) {
            if (cancelled) {
                throw new TaskCancelledException("task cancelled");
            }
            mailbox.awaitWork(TimeUnit.MILLISECONDS.toNanos(100));
            if (mailbox.hasMail()) {
                mailbox.runMails();
            }
        }
    }

    /**
     * Whether something this task did is not covered by a checkpoint yet: a source's last
     * records, output that finishing the operators emitted (fired windows, say) after the last
     * barrier, or records a sink took after it. Such a task takes one more checkpoint itself.
     */
    private boolean needsCheckpointAfterEnd() {
        return source != null || !partitions.isEmpty() || inputProcessor.recordsProcessed() > recordsAtLastCheckpoint;
    }

    /** Ends every partition: consumers see the end of input. */
    private void finishPartitions() throws Exception {
        for (ResultPartition partition : partitions) {
            partition.finish();
        }
    }

    private void closeOperators() throws Exception {
        Exception first = null;
        for (StreamOperator<?> operator : operators) {
            try {
                operator.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        operators.clear();
        if (first != null) {
            throw first;
        }
    }

    private void closeOperatorsQuietly() {
        try {
            closeOperators();
        } catch (Exception ignored) {
            // The task already failed or was cancelled; the first cause is what is reported.
        }
    }

    private void releaseAll(Throwable cause) {
        for (ResultPartition partition : partitions) {
            partition.release(cause);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current instanceof ChainingOutput.ChainedOperatorException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Where this task's part in a stop-with-savepoint stands. */
    private enum StopOutcome { NONE, PENDING, COMPLETED, ABORTED }
}
