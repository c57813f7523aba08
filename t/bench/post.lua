-- wrk script: POSTs the order form once per token in the file named by
-- TOKENS and RUN ("$TOKENS.$RUN", one token a line: t/bench/run writes a
-- file for each run), so every request is a new form and creates an
-- order, never a double submit of an earlier one. Counts the answers that
-- are not 303 and the requests that had to reuse a token.
local tokens, i, threads = {}, 0, {}
for line in io.lines(os.getenv("TOKENS") .. "." .. os.getenv("RUN")) do
	tokens[#tokens + 1] = line
end
local path = os.getenv("FORM_PATH")
local cookie = "tjg_csrf=" .. os.getenv("COOKIE")
local rest = "&first_name=Bench&last_name=Testsson&email=bench%40example.org"
    .. "&phone=0701234567&terms=1"
bad, reused = 0, 0

-- Each thread takes every other token, so no two requests share one.
-- setup and done run in wrk's main Lua state, the rest in each thread's:
-- done collects the threads' counts.
setup = function(thread)
	thread:set("tid", #threads)
	threads[#threads + 1] = thread
end

request = function()
	local k = i * 2 + tid
	i = i + 1
	if k >= #tokens then reused = reused + 1 end
	return wrk.format("POST", path, {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = cookie }, "csrf=" .. tokens[(k % #tokens) + 1] .. rest)
end

response = function(status)
	if status ~= 303 then bad = bad + 1 end
end

done = function(summary, latency, requests)
	local b, r = 0, 0
	for _, t in ipairs(threads) do
		b = b + t:get("bad")
		r = r + t:get("reused")
	end
	io.stderr:write(string.format("non-303 answers: %d, tokens reused: %d\n",
	    b, r))
end
