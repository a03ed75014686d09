package io.spindle.api.connectors.filesink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Turns one record into bytes of a row-format part file. The {@link FileSink} owns the stream:
 * an encoder writes to it and must neither close it nor keep it, since the sink closes the part
 * file when it rolls and counts its bytes for the rolling policy.
 */
@FunctionalInterface
public interface Encoder<IN> extends Serializable {
    void encode(IN element, OutputStream stream) throws IOException;
}
