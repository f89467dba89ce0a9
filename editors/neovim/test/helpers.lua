-- Shared helpers of the headless tests: plain Lua, results as "ok N - ..." / "not ok N - ..."
-- lines on stdout, exit status 0 only when every check passed.
local H = {}

local uv = vim.uv or vim.loop

H.test_dir = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
H.plugin_dir = vim.fn.fnamemodify(H.test_dir, ":h")
H.repo_dir = vim.fn.fnamemodify(H.plugin_dir, ":h:h")
H.bin = os.getenv("RESOLUTION_LS_BIN") or (H.repo_dir .. "/target/debug/resolution-ls")
H.fixture = os.getenv("RESOLUTION_LS_FIXTURE") or (H.repo_dir .. "/tests/fixtures/drafts/ccpcj-21-3.md")
H.timeout = tonumber(os.getenv("RESOLUTION_LS_TEST_TIMEOUT") or "") or 15000

local v = vim.version()
H.nvim_version = string.format("%d.%d.%d", v.major, v.minor, v.patch)
H.has = function(version)
  return vim.fn.has("nvim-" .. version) == 1
end

local count, failed = 0, 0

function H.say(text)
  io.stdout:write(text .. "\n")
  io.stdout:flush()
end

--- Records one check. detail (string or value) is shown when it fails.
function H.check(name, cond, detail)
  count = count + 1
  if cond then
    H.say(string.format("ok %d - %s", count, name))
  else
    failed = failed + 1
    local text = type(detail) == "string" and detail or vim.inspect(detail)
    H.say(string.format("not ok %d - %s", count, name))
    for line in (text or ""):gmatch("[^\n]+") do
      H.say("#   " .. line)
    end
  end
  return cond
end

--- Waits until fn() is true (processing events meanwhile); returns whether it became true.
function H.wait(fn, ms)
  local done = vim.wait(ms or H.timeout, function()
    local ok, res = pcall(fn)
    return ok and res and true or false
  end, 20)
  return done
end

--- A fresh temporary folder.
function H.tmpdir()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  return dir
end

function H.write(path, text)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ":h"), "p")
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

function H.read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

function H.copy(src, dst)
  H.write(dst, H.read(src))
end

function H.edit(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

function H.line(bufnr, lnum)
  return vim.api.nvim_buf_get_lines(bufnr, lnum - 1, lnum, false)[1]
end

--- The diagnostics resolution-ls gave a buffer.
function H.diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "resolution-ls" then
      local lsp = d.user_data and d.user_data.lsp or {}
      d.rule = d.code or lsp.code
      table.insert(out, d)
    end
  end
  table.sort(out, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return out
end

function H.rules(diags)
  local out = {}
  for _, d in ipairs(diags) do
    table.insert(out, string.format("%d:%s:%s", d.lnum + 1, tostring(d.rule), d.severity))
  end
  return table.concat(out, " ")
end

-- Messages the tests watch for: vim.notify calls and the server's window/showMessage.
H.notes = {}
H.server_messages = {}

function H.capture_messages()
  local notify = vim.notify
  vim.notify = function(msg, level, opts)
    table.insert(H.notes, { msg = tostring(msg), level = level })
    if (level or 0) >= vim.log.levels.ERROR then
      return notify(msg, level, opts)
    end
  end
  local show = vim.lsp.handlers["window/showMessage"]
  vim.lsp.handlers["window/showMessage"] = function(err, result, ctx, config)
    if result then
      table.insert(H.server_messages, result.message)
    end
    return show(err, result, ctx, config)
  end
end

function H.notes_matching(pattern)
  local out = {}
  for _, note in ipairs(H.notes) do
    if note.msg:find(pattern) then
      table.insert(out, note.msg)
    end
  end
  return out
end

--- Runs the test body, reports, and quits Neovim with 0 (all passed) or 1.
function H.run(name, body)
  H.say(string.format("# %s on Neovim %s (server %s)", name, H.nvim_version, H.bin))
  local ok, err = xpcall(body, debug.traceback)
  if not ok then
    H.check("test body ran to the end", false, err)
  end
  H.say(string.format("# %s: %d/%d checks passed on Neovim %s", name, count - failed, count, H.nvim_version))
  io.stdout:flush()
  local code = (failed == 0 and count > 0) and 0 or 1
  -- Stop the servers first, so that none outlives the test.
  local ids = {}
  for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    table.insert(ids, client.id)
  end
  pcall(vim.lsp.stop_client, ids)
  if code == 0 then
    vim.cmd("qall!")
  else
    vim.cmd("cquit! " .. code)
  end
end

H.uv = uv
return H
