package io.spindle.client.rest;

import java.util.List;

/** {@code GET /jobs/{jobid}/exceptions}: the failure that ended the job (null when none) and earlier ones. */
public record JobExceptions(String rootException, long timestamp, List<String> history) {}
