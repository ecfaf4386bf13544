-- wrk hooks for bench/mixed_load.py: a weighted mix of pages and writes, one connection per
-- thread (so each answer belongs to the request sent before it), every answer written to a file.
--
-- wrk --threads N --connections N --script bench/mixed.lua URL -- PLAN OUTDIR
-- PLAN is a Lua file returning the plan mixed_load.py wrote (kinds and weights, anonymous paths,
-- the organiser's cookie and paths, and per member: cookie, CSRF token, paths and the writes
-- still open to them); OUTDIR receives thread-<n>.tsv, a line per event: what ("sent" before a
-- write goes, "done" at its answer, "lost" for a request whose answer never came), kind, status,
-- microseconds, member (1-based, 0 for none), target (event, petition or ballot), path, Location.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } gw_timespec;
  int clock_gettime(int clock, gw_timespec *now);
]]
local clock = ffi.new("gw_timespec")

local function microseconds()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local plan, out, mine, pending, voted, verifying

function init(args)
  plan = dofile(args[1])
  out = io.open(string.format("%s/thread-%d.tsv", args[2], id), "w")
  out:setvbuf("line") -- wrk never closes a thread's state: nothing may wait in a buffer
  math.randomseed(plan.seed + id * 7919)
  -- This thread's members alone: each member's writes come from one connection, in order.
  mine = {}
  for index, member in ipairs(plan.members) do
    if (index - 1) % plan.threads == id then
      member.index = index
      member.next_rsvp, member.next_signature, member.next_vote = 1, 1, 1
      table.insert(mine, member)
    end
  end
  voted = {}
  -- wrk calls thread 0's request() once before any connection, only to check what it returns.
  verifying = id == 0
end

local function pick(list)
  return list[math.random(#list)]
end

local function choose_kind()
  local roll = math.random() * plan.total_weight
  for _, entry in ipairs(plan.kinds) do
    roll = roll - entry[2]
    if roll <= 0 then
      return entry[1]
    end
  end
  return plan.kinds[#plan.kinds][1]
end

local function post(member, path, body)
  local headers = {
    ["Cookie"] = member.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  return wrk.format("POST", path, headers, "csrfmiddlewaretoken=" .. member.token .. body)
end

-- The next write of `kind` still open to one of this thread's members: {member, target, body}.
local function next_write(kind)
  local field = ({rsvp = "rsvps", signature = "signatures", vote = "votes"})[kind]
  local cursor = ({rsvp = "next_rsvp", signature = "next_signature", vote = "next_vote"})[kind]
  local start = math.random(#mine)
  for offset = 0, #mine - 1 do
    local member = mine[(start + offset - 1) % #mine + 1]
    local list = member[field]
    if member[cursor] <= #list then
      local write = list[member[cursor]]
      member[cursor] = member[cursor] + 1
      return member, write
    end
  end
  return nil
end

local function build(kind)
  if kind == "anonymous page" then
    local path = pick(plan.anonymous)
    return kind, nil, "", path, wrk.format("GET", path)
  elseif kind == "organiser page" then
    local path = pick(plan.organiser.paths)
    return kind, nil, "", path, wrk.format("GET", path, {["Cookie"] = plan.organiser.cookie})
  elseif kind == "member page" then
    local member = pick(mine)
    local path = pick(member.paths)
    return kind, member, "", path, wrk.format("GET", path, {["Cookie"] = member.cookie})
  elseif kind == "vote again" then
    if #voted == 0 then
      return build("vote")
    end
    local again = pick(voted)
    local path = "/ballots/" .. again[2][1] .. "/"
    return kind, again[1], again[2][1], path, post(again[1], path, again[2][2])
  end
  local member, write = next_write(kind)
  if member == nil then -- every write of this kind is done: a member's page instead
    return build("member page")
  end
  local path
  if kind == "rsvp" then
    path = "/events/" .. write[1] .. "/rsvp/"
  elseif kind == "signature" then
    path = "/petitions/" .. write[1] .. "/sign/"
  else
    path = "/ballots/" .. write[1] .. "/"
  end
  return kind, member, write, path, post(member, path, write[2] or "")
end

local function line(what, status, took, location)
  out:write(string.format("%s\t%s\t%d\t%.0f\t%d\t%s\t%s\t%s\n", what, pending.kind, status,
    took, pending.member and pending.member.index or 0, pending.target, pending.path, location))
end

function request()
  if verifying then
    verifying = false
    return wrk.format("GET", "/")
  end
  if pending then -- the answer to the last request never came (its connection failed)
    line("lost", 0, 0, "")
  end
  local kind, member, write, path, text = build(choose_kind())
  local target = type(write) == "table" and write[1] or write
  pending = {kind = kind, member = member, write = write, target = target, path = path}
  if kind == "rsvp" or kind == "signature" or kind == "vote" then
    -- Written before it goes: a write still unanswered when wrk stops may yet have landed.
    line("sent", 0, 0, "")
  end
  pending.started = microseconds()
  return text
end

function response(status, headers, body)
  if not pending then
    return
  end
  local took = microseconds() - pending.started
  line("done", status, took, headers["Location"] or headers["location"] or "")
  if pending.kind == "vote" and status == 302 then
    table.insert(voted, {pending.member, pending.write})
  end
  pending = nil
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "GROUNDWORK requests=%d seconds=%.3f errors=%d timeouts=%d\n",
    summary.requests, summary.duration / 1e6,
    errors.connect + errors.read + errors.write + errors.timeout, errors.timeout
  ))
end
