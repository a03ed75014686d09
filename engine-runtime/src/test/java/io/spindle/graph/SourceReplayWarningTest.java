package io.spindle.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.SourceFunction;
import io.spindle.configuration.Configuration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With checkpointing on, a source that cannot go back to a checkpoint's position is named in a warning. */
class SourceReplayWarningTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender = new AbstractAppender("replay-warnings", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            warnings.add(event.getMessage().getFormattedMessage());
        }
    };
    private final Logger logger = (Logger) LogManager.getLogger(JobGraphGenerator.class);

    @BeforeEach
    void listen() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopListening() {
        logger.removeAppender(appender);
    }

    @Test
    void aSourceWithoutCheckpointedPositionsIsNamedWhenCheckpointingIsOn() {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null).enableCheckpointing(1_000);
        env.addSource(new Forgetful(), "forgetful numbers").addSink(new DiscardingSink<>());
        env.fromSequence(1, 10).addSink(new DiscardingSink<>());

        env.getJobGraph("warned");

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("'forgetful numbers'").contains(Forgetful.class.getName())
                .contains("at most once");
    }

    @Test
    void withoutCheckpointingNothingIsSaid() {
        StreamEnvironment env = new StreamEnvironment(new Configuration(), null);
        env.addSource(new Forgetful(), "forgetful numbers").addSink(new DiscardingSink<>());

        env.getJobGraph("quiet");

        assertThat(warnings).isEmpty();
    }

    static final class Forgetful implements SourceFunction<Long> {
        @Override
        public void run(SourceContext<Long> ctx) {
            ctx.collect(1L);
        }

        @Override
        public void cancel() {}
    }
}
