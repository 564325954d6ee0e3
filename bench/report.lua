-- wrk script: every request as a browser behind the TLS proxy sends it, and one JSON line of
-- results (percentiles wrk's own summary does not print, non-2xx counts).
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip, br"

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx": %d, ' ..
    '"socket_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
