-- wrk hooks for bench/run.py: count non-2xx answers (wrk itself counts only 4xx/5xx) and print
-- one machine-readable line at the end:
-- GROUNDWORK requests=N seconds=S p50_ms=.. p95_ms=.. p99_ms=.. mean_ms=.. non2xx=N errors=N

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    "GROUNDWORK requests=%d seconds=%.3f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f mean_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, bad,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
