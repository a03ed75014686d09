package io.spindle.api.connectors.filesink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes each record's {@code toString()} and a {@code \n}, UTF-8 encoded: one line per record. */
public final class SimpleStringEncoder<IN> implements Encoder<IN> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(IN element, OutputStream stream) throws IOException {
        stream.write(String.valueOf(element).getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }
}
