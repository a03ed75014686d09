package io.spindle.client.rest;

import java.util.List;

/**
 * {@code GET /jobs/{jobid}/exceptions}: the failure that ended the job (null when none) and the
 * stack traces of all its failures, newest first.
 */
public record JobExceptions(String rootException, long timestamp, List<String> history) {}
