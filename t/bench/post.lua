-- wrk script: POSTs the order form once per token in TOKENS (a file, one
-- token a line), so every request creates an order; counts the answers
-- that are not 303.
local tokens, i, bad, threads = {}, 0, 0, 0
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local path = os.getenv("FORM_PATH")
local cookie = "tjg_csrf=" .. os.getenv("COOKIE")
local rest = "&first_name=Bench&last_name=Testsson&email=bench%40example.org"
    .. "&phone=0701234567&terms=1"

-- Each thread takes every other token, so no two requests share one.
setup = function(thread)
	thread:set("tid", threads)
	threads = threads + 1
end

request = function()
	i = i + 1
	local t = tokens[((i * 2 + tid) % #tokens) + 1]
	return wrk.format("POST", path, {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = cookie }, "csrf=" .. t .. rest)
end

response = function(status)
	if status ~= 303 then bad = bad + 1 end
end

done = function()
	io.stderr:write(string.format("non-303 answers: %d\n", bad))
end
