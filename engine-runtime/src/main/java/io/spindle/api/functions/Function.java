package io.spindle.api.functions;

import java.io.Serializable;

/** Base of every user function. Functions are serialized on the client and shipped as bytes. */
public interface Function extends Serializable {}
