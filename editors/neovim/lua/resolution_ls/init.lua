-- resolution-ls for Neovim 0.7.2 and later.
--
-- require("resolution_ls").setup(opts) starts the language server for Markdown drafts:
--   Neovim 0.11+   vim.lsp.config() + vim.lsp.enable() (the runtime file lsp/resolution_ls.lua
--                  holds the defaults, so vim.lsp.enable("resolution_ls") also works alone)
--   Neovim 0.8-0.10  vim.lsp.start() on FileType
--   Neovim 0.7     vim.lsp.start_client() + vim.lsp.buf_attach_client() on FileType
-- See :help resolution_ls.

local M = {}

M.name = "resolution_ls"

-- Kinds and titles the server uses for its code actions.
M.FIX_ALL_KIND = "source.fixAll.resolution-ls"
M.RENUMBER_FOOTNOTES = "Renumber footnotes in reading order"
M.RENUMBER_OPERATIVE = "Renumber operative paragraphs"

M.defaults = {
  cmd = { "resolution-ls", "--stdio" },
  filetypes = { "markdown", "resolution" },
  root_markers = { "resolution-ls.toml", ".git" },
  settings = {},
  timeout_ms = 5000,
}

-- The options of the last setup() (nil before), and how the client is started:
-- "enable" (0.11+), "start" (0.8+) or "start_client" (0.7).
M.options = nil
M.method = nil

local uv = vim.uv or vim.loop

-- Keys of setup() that are not passed on to the LSP client as they are.
local OWN_KEYS = {
  cmd = true,
  filetypes = true,
  root_markers = true,
  settings = true,
  timeout_ms = true,
  method = true,
}

local function has(version)
  return vim.fn.has("nvim-" .. version) == 1
end

local function notify(msg, level)
  vim.notify("resolution-ls: " .. msg, level or vim.log.levels.INFO)
end

-- The programs already reported missing: one message per program and session.
local reported_missing = {}

--- Whether the server's program (cmd[1]) can be run. When it cannot, says so once, naming the
--- setting to change. The message is scheduled: shown from inside the FileType autocommand, an
--- error would end the autocommands still to run (on 0.7, the rule that makes `*.res.md` files
--- `resolution`), and nothing else is to change for a missing server.
function M.check_cmd(cmd)
  local program = type(cmd) == "table" and cmd[1] or nil
  if type(cmd) == "function" or (type(program) == "string" and vim.fn.executable(program) == 1) then
    return true
  end
  local key = tostring(program)
  if not reported_missing[key] then
    reported_missing[key] = true
    vim.schedule(function()
      notify(M.missing_cmd_message(program), vim.log.levels.WARN)
    end)
  end
  return false
end

--- What to tell the user when the server's program cannot be run.
function M.missing_cmd_message(program)
  return string.format(
    "cannot start the server: %q is not executable. Install resolution-ls (cargo install --path server, "
      .. 'in its repository) or set `cmd` to its path: require("resolution_ls").setup({ cmd = { '
      .. '"/path/to/resolution-ls", "--stdio" } }) (on 0.11+ also vim.lsp.config("resolution_ls", { cmd = ... })). '
      .. "See :checkhealth resolution_ls",
    tostring(program)
  )
end

--- Calls a method of an LSP client object: `client:method(...)` on 0.11+ (where the dot form
--- is deprecated), `client.method(...)` before.
local function client_call(client, method, ...)
  if has("0.11") then
    return client[method](client, ...)
  end
  return client[method](...)
end

--- The settings object, bare (not under a "resolution-ls" key), without empty tables: an empty
--- Lua table goes out as a JSON array, which the server would reject where it wants an object.
function M.normalize_settings(settings)
  if type(settings) ~= "table" then
    return {}
  end
  if type(settings["resolution-ls"]) == "table" then
    settings = settings["resolution-ls"]
  end
  local out = {}
  for key, value in pairs(settings) do
    if type(value) == "table" and next(value) == nil then -- luacheck: ignore 542
      -- an empty `rules`, `phrases` or list: the same as leaving it out
    elseif type(value) == "table" and (key == "rules" or key == "phrases") then
      local inner = {}
      for k, v in pairs(value) do
        if not (type(v) == "table" and next(v) == nil) then
          inner[k] = v
        end
      end
      if next(inner) ~= nil then
        out[key] = inner
      end
    else
      out[key] = value
    end
  end
  return out
end

--- `before_init` of the client: sends the settings as initializationOptions (unless
--- init_options were given) and keeps config.settings free of empty tables.
function M.before_init(params, config)
  local settings = M.normalize_settings(config.settings)
  if config.settings then
    for k in pairs(config.settings) do
      config.settings[k] = nil
    end
    if next(settings) ~= nil then
      config.settings["resolution-ls"] = settings
    end
  end
  if params.initializationOptions == nil or params.initializationOptions == vim.NIL then
    if next(settings) ~= nil then
      params.initializationOptions = settings
    end
  end
end

--- The folder of the nearest root marker above the buffer's file, else the file's folder.
function M.find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return uv.cwd()
  end
  local file_dir = vim.fn.fnamemodify(name, ":p:h")
  local dir = file_dir
  while true do
    for _, marker in ipairs(markers or M.defaults.root_markers) do
      if uv.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return file_dir
    end
    dir = parent
  end
end

--- The resolution-ls clients among `clients` (Neovim before 0.10 cannot filter by name).
local function ours(clients)
  local out = {}
  for _, client in pairs(clients) do
    if client.name == M.name then
      table.insert(out, client)
    end
  end
  return out
end

--- The resolution-ls clients attached to a buffer (0 for the current one).
function M.get_clients(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = M.name })
  end
  return ours(vim.lsp.buf_get_clients(bufnr))
end

--- Every running resolution-ls client.
function M.all_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = M.name })
  end
  return ours(vim.lsp.get_active_clients())
end

--- Asks the server again for the diagnostics of every buffer a client is attached to, when
--- Neovim pulls diagnostics (0.10+) but cannot be asked to pull again (no handler for
--- workspace/diagnostic/refresh, as in 0.11): otherwise new settings would show only after
--- the next edit.
function M.pull_diagnostics(client)
  if vim.lsp.handlers["workspace/diagnostic/refresh"] or not has("0.10") then
    return
  end
  local caps = client.server_capabilities or {}
  if not caps.diagnosticProvider then
    return
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.lsp.buf_is_attached(bufnr, client.id) then
      local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
      client_call(client, "request", "textDocument/diagnostic", params, nil, bufnr)
    end
  end
end

--- Handlers of the client. window/logMessage: the server logs "resolution-ls: editor settings
--- ..." once it has applied new settings; diagnostics are pulled again then.
M.handlers = {
  ["window/logMessage"] = function(err, result, ctx, config)
    local default = vim.lsp.handlers["window/logMessage"]
    local ret = default and default(err, result, ctx, config)
    if result and type(result.message) == "string" and result.message:find("^resolution%-ls: editor settings") then
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      if client then
        M.pull_diagnostics(client)
      end
    end
    return ret
  end,
}

--- The client configuration shared by every way of starting the server.
local function client_config(opts)
  local settings = M.normalize_settings(opts.settings)
  local config = {
    name = M.name,
    cmd = opts.cmd,
    settings = next(settings) ~= nil and { ["resolution-ls"] = settings } or {},
    before_init = M.before_init,
  }
  for key, value in pairs(opts) do
    if not OWN_KEYS[key] then
      config[key] = value
    end
  end
  config.handlers = vim.tbl_extend("keep", opts.handlers or {}, M.handlers)
  if opts.before_init then
    config.before_init = function(params, cfg)
      M.before_init(params, cfg)
      opts.before_init(params, cfg)
    end
  end
  return config
end

-- 0.11+: the configuration given to vim.lsp.config().
local function enable_config(opts)
  local config = client_config(opts)
  config.filetypes = opts.filetypes
  config.root_markers = opts.root_markers
  return config
end

local function buffer_wanted(bufnr, filetypes)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return false
  end
  if vim.api.nvim_buf_get_name(bufnr) == "" then
    return false
  end
  return vim.tbl_contains(filetypes, vim.bo[bufnr].filetype)
end

-- 0.7: one client per root folder.
local clients_by_root = {}

--- Starts (or reuses) the client for a buffer and attaches it, on 0.7-0.10.
function M.attach(bufnr)
  local opts = M.options
  if not opts or M.method == "enable" then
    return
  end
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not buffer_wanted(bufnr, opts.filetypes) then
    return
  end
  if not M.check_cmd(opts.cmd) then
    return
  end
  local config = client_config(opts)
  config.root_dir = M.find_root(bufnr, opts.root_markers)
  if M.method == "start" then
    vim.api.nvim_buf_call(bufnr, function()
      vim.lsp.start(config, { bufnr = bufnr })
    end)
    return
  end
  local id = clients_by_root[config.root_dir]
  if not id or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- Sets the server up. opts (all optional):
---   cmd          command that starts the server, default {"resolution-ls", "--stdio"}
---   filetypes    default {"markdown", "resolution"}
---   root_markers default {"resolution-ls.toml", ".git"}
---   settings     the server's editor settings (docs/configuration.md), sent as
---                initializationOptions and answered to workspace/configuration
---   timeout_ms   how long the commands wait for the server, default 5000
---   anything else (on_attach, capabilities, handlers, ...) goes to the LSP client as it is.
function M.setup(opts)
  opts = vim.tbl_extend("force", vim.deepcopy(M.defaults), opts or {})
  M.options = opts
  local method = opts.method
  if not method then
    if has("0.11") and vim.lsp.config and vim.lsp.enable then
      method = "enable"
    elseif vim.lsp.start then
      method = "start"
    else
      method = "start_client"
    end
  end
  local available = {
    enable = vim.lsp.config ~= nil and vim.lsp.enable ~= nil,
    start = vim.lsp.start ~= nil,
    start_client = vim.lsp.start_client ~= nil,
  }
  if not available[method] then
    notify(string.format("method %q is not available in this Neovim", tostring(method)), vim.log.levels.ERROR)
    return
  end
  M.method = method

  local group = vim.api.nvim_create_augroup("resolution_ls", { clear = true })
  if method == "enable" then
    vim.lsp.config(M.name, enable_config(opts))
    vim.lsp.enable(M.name)
    return
  end
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = "resolution-ls: start the language server",
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      M.attach(bufnr)
    end
  end
end

--- Replaces the settings of every running client and sends them to the server
--- (workspace/didChangeConfiguration); later workspace/configuration requests get them too.
function M.set_settings(settings)
  local normalized = M.normalize_settings(settings)
  local wrapped = next(normalized) ~= nil and { ["resolution-ls"] = normalized } or {}
  if M.options then
    M.options.settings = normalized
    if M.method == "enable" then
      vim.lsp.config[M.name] = enable_config(M.options) -- replaces, not merges
    end
  elseif vim.lsp.config and has("0.11") then
    vim.lsp.config(M.name, { settings = wrapped })
  end
  for _, client in ipairs(M.all_clients()) do
    for _, tbl in ipairs({ client.config.settings or {}, client.settings or {} }) do
      for k in pairs(tbl) do
        tbl[k] = nil
      end
      for k, v in pairs(wrapped) do
        tbl[k] = v
      end
    end
    local payload = next(wrapped) ~= nil and wrapped or { ["resolution-ls"] = vim.NIL }
    client_call(client, "notify", "workspace/didChangeConfiguration", { settings = payload })
  end
end

-- Code actions -------------------------------------------------------------------------------

local function timeout_ms(opts)
  return (opts and opts.timeout_ms) or (M.options and M.options.timeout_ms) or M.defaults.timeout_ms
end

local function range_params(client, bufnr)
  if bufnr == vim.api.nvim_get_current_buf() then
    return vim.lsp.util.make_range_params(0, client.offset_encoding)
  end
  local start = { line = 0, character = 0 }
  return {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = start, ["end"] = start },
  }
end

local function request_sync(client, method, params, bufnr, ms)
  local response, err = client_call(client, "request_sync", method, params, ms, bufnr)
  if not response then
    return nil, tostring(err or "no answer")
  end
  if response.err then
    return nil, response.err.message or vim.inspect(response.err)
  end
  return response.result
end

--- Applies a code action (resolving its edit first if the server sent it without one).
--- Returns true when it changed something.
function M.apply_code_action(client, action, bufnr, opts)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if type(action.command) == "string" then -- a bare Command
    action = { title = action.title, command = action }
  end
  local provider = client.server_capabilities and client.server_capabilities.codeActionProvider
  if not action.edit and action.data ~= nil and type(provider) == "table" and provider.resolveProvider then
    local resolved, err = request_sync(client, "codeAction/resolve", action, bufnr, timeout_ms(opts))
    if not resolved then
      notify("codeAction/resolve failed: " .. err, vim.log.levels.ERROR)
      return false
    end
    action = resolved
  end
  local changed = false
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    changed = true
  end
  if action.command then
    local command = action.command
    local fn = (client.commands or {})[command.command] or vim.lsp.commands[command.command]
    if fn then
      fn(command, { bufnr = bufnr, client_id = client.id })
    else
      request_sync(client, "workspace/executeCommand", {
        command = command.command,
        arguments = command.arguments,
      }, bufnr, timeout_ms(opts))
    end
    changed = true
  end
  return changed
end

--- Asks the server for the code actions of kinds `only` at the cursor (or the buffer's start)
--- and applies the first one `pick` accepts. Returns true when something was applied.
function M.run_code_action(only, pick, what, opts)
  opts = opts or {}
  local bufnr = (opts.bufnr == nil or opts.bufnr == 0) and vim.api.nvim_get_current_buf() or opts.bufnr
  local clients = M.get_clients(bufnr)
  if #clients == 0 then
    notify("no language server attached to this buffer", vim.log.levels.WARN)
    return false
  end
  for _, client in ipairs(clients) do
    local params = range_params(client, bufnr)
    params.context = { diagnostics = {}, only = only }
    local actions, err = request_sync(client, "textDocument/codeAction", params, bufnr, timeout_ms(opts))
    if err then
      notify("textDocument/codeAction failed: " .. err, vim.log.levels.ERROR)
      return false
    end
    for _, action in ipairs(actions or {}) do
      if pick(action) then
        return M.apply_code_action(client, action, bufnr, opts)
      end
    end
  end
  if not opts.silent then
    notify(what)
  end
  return false
end

--- Applies every determined fix (source.fixAll.resolution-ls) to a buffer.
--- opts: bufnr (default current), timeout_ms, silent.
function M.fix_all(opts)
  return M.run_code_action({ M.FIX_ALL_KIND }, function(action)
    return action.kind == M.FIX_ALL_KIND
  end, "nothing to fix", opts)
end

local function refactor(title, what, opts)
  return M.run_code_action({ "refactor.rewrite" }, function(action)
    return action.title == title
  end, what, opts)
end

--- Renumbers the footnotes in reading order (references and definitions together).
function M.renumber_footnotes(opts)
  return refactor(M.RENUMBER_FOOTNOTES, "footnotes are already in reading order", opts)
end

--- Renumbers the operative paragraphs 1, 2, 3, ...
function M.renumber_operative(opts)
  return refactor(M.RENUMBER_OPERATIVE, "operative paragraphs are already numbered in order", opts)
end

return M
