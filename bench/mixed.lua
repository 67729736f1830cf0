-- Mixed load for bench/soak: each request takes the next of the paths given after "--";
-- "path|cookie" sends that Cookie header with it (the session and CSRF cookies). Prints the figures as bench/report.lua does.
init = function(args)
  paths, cookies, i = {}, {}, 0
  for n, arg in ipairs(args) do
    local path, cookie = arg:match("^([^|]+)|?(.*)$")
    paths[n], cookies[n] = path, cookie
  end
end

request = function()
  i = i % #paths + 1
  local headers = {}
  if cookies[i] ~= "" then headers["Cookie"] = cookies[i] end
  return wrk.format("GET", paths[i], headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
