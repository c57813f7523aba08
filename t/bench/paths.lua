-- wrk script: GETs the paths in PATHS (a file, one path a line) in turn,
-- so a run asks for many different pages instead of one. Each thread
-- starts at its own place in the list.
local paths, i, threads = {}, 0, 0
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end

setup = function(thread)
	thread:set("tid", threads)
	threads = threads + 1
end

init = function()
	i = tid * 7919
end

request = function()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end
