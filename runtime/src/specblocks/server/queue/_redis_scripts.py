"""Every Redis operation of the shared backend, as one Lua script that runs a batch of them.

A process sends its operations in order through one writer
(:class:`~specblocks.server.queue._redis_streams.RedisStreams`): each batch is one ``EVALSHA``
of :data:`BATCH` with, after the key prefix, for every operation its name, its argument count
and its arguments; the reply holds each operation's result in order. One command per batch
instead of one per operation keeps the per-job cost of the shared backend low, and each batch
is atomic. Keys (``{p}`` is the prefix) are described in :mod:`._redis_queue` and
:mod:`._redis_streams`; the operations are:

- streams: ``register`` ``forget`` ``deliver`` ``watch`` ``take_watch`` ``kept`` ``known``
  ``pending`` ``closing`` ``read`` ``listen`` ``ended`` ``sweep``
- queue: ``push`` ``claim`` ``finish`` ``cancel``; ``alive`` (a process says it runs) and
  ``reap`` (the running events of processes that stopped saying so end)
- states: ``load``; and ``nothing`` (a flush).

Results are never nil (a nil would cut Redis's reply array short): absent values are 0.
"""

from __future__ import annotations

import hashlib

BATCH = """
local p = ARGV[1]
local ops = {}

ops.nothing = function(a) return 1 end

ops.register = function(a)
  local s, e = a[1], a[2]
  redis.call('SADD', p..'p:'..s, e)
  redis.call('SET', p..'k:'..s, '1', 'EX', a[3])
  redis.call('ZADD', p..'seen', a[4], s)
  return 1
end

ops.forget = function(a)
  local s, e = a[1], a[2]
  redis.call('DEL', p..'wt:'..e, p..'w:'..e)
  redis.call('HDEL', p..'kept', e)
  if redis.call('SREM', p..'p:'..s, e) == 1 then
    redis.call('XADD', p..'m:'..s, '*', 'k', 'w', 'e', '', 'f', '')
  end
  return 1
end

-- messages, five arguments each (session, event id, kind, frame, HTTP status), in order;
-- kinds: 'c' completion, 'u' unexpected error, 'r' rank (estimation), 'x' any other
ops.deliver = function(a)
  local maxlen, ttl = a[1], a[2]
  for i = 3, #a, 5 do
    local s, e, k, f = a[i], a[i + 1], a[i + 2], a[i + 3]
    local wanted = e == '' or redis.call('SISMEMBER', p..'p:'..s, e) == 1
    -- a rank ('r') only while the event waits: a late one would undo its process_starts
    if wanted and k == 'r' then wanted = redis.call('HEXISTS', p..'own', e) == 0 end
    if wanted then
      redis.call('XADD', p..'m:'..s, 'MAXLEN', '~', maxlen, '*', 'f', f, 'e', e, 'k', k)
      if e ~= '' then
        if redis.call('EXISTS', p..'wt:'..e) == 1 then
          redis.call('XADD', p..'w:'..e, '*', 'f', f, 's', a[i + 4])
          redis.call('EXPIRE', p..'w:'..e, ttl)
        end
        if k == 'c' then redis.call('SREM', p..'p:'..s, e) end
      end
    end
  end
  return 1
end

ops.watch = function(a)
  local e = a[1]
  redis.call('SET', p..'wt:'..e, '1', 'EX', a[2])
  if a[3] == '1' then redis.call('HSET', p..'kept', e, '1') end
  return 1
end

ops.take_watch = function(a)
  local e = a[1]
  if redis.call('EXISTS', p..'wt:'..e) == 0 then return 0 end
  return redis.call('HDEL', p..'kept', e)
end

ops.kept = function(a) return redis.call('HLEN', p..'kept') end
ops.known = function(a) return redis.call('EXISTS', p..'k:'..a[1]) end
ops.pending = function(a) return redis.call('SMEMBERS', p..'p:'..a[1]) end
ops.closing = function(a) return redis.call('EXISTS', p..'c:'..a[1]) end
ops.load = function(a) return redis.call('HGETALL', p..'st:'..a[1]) end

-- delete what the caller delivered, then read what is buffered; when nothing is and nothing
-- is pending: 'drained', or with a[3] (milliseconds) ~= '0' the session is marked closing
ops.read = function(a)
  local s = a[1]
  local m = p..'m:'..s
  for i = 4, #a do redis.call('XDEL', m, a[i]) end
  local rows = redis.call('XRANGE', m, '-', '+', 'COUNT', a[2])
  if #rows > 0 then return {'rows', rows} end
  if redis.call('SCARD', p..'p:'..s) > 0 then return {'pending'} end
  if a[3] ~= '0' then
    redis.call('SET', p..'c:'..s, '1', 'PX', a[3])
    return {'closing'}
  end
  return {'drained'}
end

ops.listen = function(a)
  return redis.call('HINCRBY', p..'listeners', a[1], a[2])
end

ops.ended = function(a)
  local s = a[1]
  for i = 4, #a do redis.call('XDEL', p..'m:'..s, a[i]) end
  redis.call('HINCRBY', p..'listeners', s, -1)
  redis.call('ZADD', p..'seen', a[2], s)
  if a[3] == '1' then redis.call('DEL', p..'c:'..s) end
  return 1
end

ops.sweep = function(a)
  local gone = 0
  for _, s in ipairs(redis.call('ZRANGEBYSCORE', p..'seen', '-inf', a[1])) do
    local listeners = tonumber(redis.call('HGET', p..'listeners', s) or '0')
    if listeners <= 0 and redis.call('SCARD', p..'p:'..s) == 0 then
      redis.call('DEL', p..'m:'..s)
      redis.call('HDEL', p..'listeners', s)
      redis.call('ZREM', p..'seen', s)
      gone = gone + 1
    end
  end
  return gone
end

-- -> {rank, whether a stream of the session is closing}; rank -1: the queue is full
ops.push = function(a)
  local id, max, session = a[1], tonumber(a[2]), a[7]
  if max >= 0 and redis.call('LLEN', p..'q') >= max then return {-1, 0} end
  redis.call('HSET', p..'e:'..id, 'fn', a[3], 'cid', a[4], 'limit', a[5], 'batch', a[6],
    'session', session, 'json', a[8])
  local size = redis.call('RPUSH', p..'q', id)
  redis.call('HINCRBY', p..'sp', session, 1)
  redis.call('PUBLISH', p..'wake', a[9])
  return {size - 1, redis.call('EXISTS', p..'c:'..session)}
end

-- -> the batches started (at most a[3] events), each {id, json, session values, id, ...}
ops.claim = function(a)
  local owner, room = a[1], tonumber(a[3])
  local ids = redis.call('LRANGE', p..'q', 0, tonumber(a[2]) - 1)
  local started, taken, full = {}, {}, {}
  for i, id in ipairs(ids) do
    if room <= 0 then break end
    if not taken[id] then
      local e = redis.call('HMGET', p..'e:'..id, 'cid', 'limit', 'batch', 'fn', 'json', 'session')
      local cid = e[1]
      if not cid then
        redis.call('LREM', p..'q', 1, id)
      elseif not full[cid] then
        local limit = tonumber(e[2])
        local run = p..'run:'..cid
        if limit < 0 or redis.call('SCARD', run) < limit then
          local batch = {id, e[5], redis.call('HGETALL', p..'st:'..e[6])}
          taken[id] = true
          local size = 1
          for j = i + 1, #ids do
            if size >= tonumber(e[3]) or size >= room then break end
            local other = ids[j]
            if not taken[other] then
              local o = redis.call('HMGET', p..'e:'..other, 'fn', 'json', 'session')
              if o[1] == e[4] then
                batch[#batch + 1] = other
                batch[#batch + 1] = o[2]
                batch[#batch + 1] = redis.call('HGETALL', p..'st:'..o[3])
                taken[other] = true
                size = size + 1
              end
            end
          end
          for k = 1, #batch, 3 do
            redis.call('LREM', p..'q', 1, batch[k])
            redis.call('HSET', p..'own', batch[k], owner)
          end
          if limit >= 0 then redis.call('SADD', run, id) end
          started[#started + 1] = batch
          room = room - size
        else
          full[cid] = true
        end
      end
    end
  end
  return started
end

local function unpend(id)
  local session = redis.call('HGET', p..'e:'..id, 'session')
  if session and redis.call('HINCRBY', p..'sp', session, -1) <= 0 then
    redis.call('HDEL', p..'sp', session)
  end
  redis.call('DEL', p..'e:'..id)
end

ops.finish = function(a)
  redis.call('SREM', p..'run:'..a[1], a[3])
  for i = 3, #a do
    unpend(a[i])
    redis.call('HDEL', p..'own', a[i])
  end
  redis.call('PUBLISH', p..'wake', a[2])
  return 1
end

ops.alive = function(a)
  redis.call('SET', p..'alive:'..a[1], '1', 'PX', a[2])
  return 1
end

-- running events whose process stopped refreshing its alive key: their slots are freed and
-- they end; -> {session, id, session, id, ...}
ops.reap = function(a)
  local owners = redis.call('HGETALL', p..'own')
  local ended, alive = {}, {}
  for i = 1, #owners, 2 do
    local id, owner = owners[i], owners[i + 1]
    if alive[owner] == nil then
      alive[owner] = redis.call('EXISTS', p..'alive:'..owner) == 1
    end
    if not alive[owner] then
      local e = redis.call('HMGET', p..'e:'..id, 'cid', 'session')
      redis.call('HDEL', p..'own', id)
      if e[1] then redis.call('SREM', p..'run:'..e[1], id) end
      unpend(id)
      ended[#ended + 1] = e[2] or ''
      ended[#ended + 1] = id
    end
  end
  if #ended > 0 then redis.call('PUBLISH', p..'wake', '') end
  return ended
end

-- -> 'waiting' (removed from the queue), the owner of a running event, or 0
ops.cancel = function(a)
  local id = a[1]
  if redis.call('LREM', p..'q', 1, id) > 0 then
    unpend(id)
    return 'waiting'
  end
  return redis.call('HGET', p..'own', id) or 0
end

local results = {}
local i = 2
while i <= #ARGV do
  local name, count = ARGV[i], tonumber(ARGV[i + 1])
  local args = {}
  for j = 1, count do args[j] = ARGV[i + 1 + j] end
  local ok, result = pcall(ops[name], args)
  if ok then
    results[#results + 1] = result
  else
    results[#results + 1] = {'!error', tostring(result)}
  end
  i = i + 2 + count
end
return results
"""

#: The SHA1 ``EVALSHA`` names :data:`BATCH` by.
BATCH_SHA = hashlib.sha1(BATCH.encode(), usedforsecurity=False).hexdigest()

#: The operations :data:`BATCH` knows.
OPERATIONS = frozenset(
    [
        "alive",
        "nothing",
        "register",
        "forget",
        "deliver",
        "watch",
        "take_watch",
        "kept",
        "known",
        "pending",
        "closing",
        "load",
        "read",
        "reap",
        "listen",
        "ended",
        "sweep",
        "push",
        "claim",
        "finish",
        "cancel",
    ]
)


class ScriptError(Exception):
    """An operation of a batch failed inside Redis (a bug, or a key of the wrong type)."""
