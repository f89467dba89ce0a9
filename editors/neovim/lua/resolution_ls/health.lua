-- :checkhealth resolution_ls
local M = {}

local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local info = health.info or health.report_info
local warn = health.warn or health.report_warn
local report_error = health.error or health.report_error

local function version_string()
  local v = vim.version()
  return string.format("%d.%d.%d", v.major, v.minor, v.patch)
end

-- The command the server is started with: setup()'s, else vim.lsp.config's (0.11+), else the default.
local function server_cmd(rls)
  if rls.options and rls.options.cmd then
    return rls.options.cmd, "setup()"
  end
  if vim.fn.has("nvim-0.11") == 1 and vim.lsp.config then
    local ok_config, config = pcall(function()
      return vim.lsp.config[rls.name]
    end)
    if ok_config and config and type(config.cmd) == "table" then
      return config.cmd, "vim.lsp.config"
    end
  end
  return rls.defaults.cmd, "default"
end

local function client_root(client)
  return client.root_dir or (client.config and client.config.root_dir) or "(none)"
end

local function attached_buffers(client)
  local out = {}
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.lsp.buf_is_attached(bufnr, client.id) then
      local name = vim.api.nvim_buf_get_name(bufnr)
      table.insert(out, string.format("%d %s", bufnr, vim.fn.fnamemodify(name, ":~:.")))
    end
  end
  return out
end

function M.check()
  local rls = require("resolution_ls")

  start("Neovim")
  if vim.fn.has("nvim-0.7") == 1 then
    ok("Neovim " .. version_string())
  else
    report_error("Neovim " .. version_string() .. " is too old: resolution-ls needs 0.7 or later")
  end
  if rls.method then
    info("setup() done; the server starts with " .. ({
      enable = "vim.lsp.config() + vim.lsp.enable()",
      start = "vim.lsp.start() on FileType",
      start_client = "vim.lsp.start_client() + vim.lsp.buf_attach_client() on FileType",
    })[rls.method] .. " for filetypes " .. table.concat(rls.options.filetypes, ", "))
  elseif vim.fn.has("nvim-0.11") == 1 then
    info("setup() was not called; vim.lsp.enable(\"resolution_ls\") starts the server with lsp/resolution_ls.lua")
  else
    warn("setup() was not called", { 'Add require("resolution_ls").setup() to your init.lua' })
  end

  start("resolution-ls binary")
  local cmd, from = server_cmd(rls)
  local exe = cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    report_error(string.format("%q (cmd from %s) is not executable", exe, from), {
      "Build it with `cargo build --release` and put target/release on your PATH,",
      'or give its path: require("resolution_ls").setup({ cmd = { "/path/to/resolution-ls", "--stdio" } })',
    })
  else
    ok(string.format("%s (cmd from %s: %s)", vim.fn.exepath(exe), from, table.concat(cmd, " ")))
    local out = vim.fn.system({ exe, "--version" })
    out = (out or ""):gsub("%s+$", "")
    if vim.v.shell_error == 0 and out ~= "" then
      ok("version: " .. out)
    else
      warn(string.format("`%s --version` failed (exit %d): %s", exe, vim.v.shell_error, out))
    end
  end

  start("Clients")
  local clients = rls.all_clients()
  if #clients == 0 then
    warn("no resolution-ls client is running", {
      "Open a Markdown draft (filetype markdown or resolution) to start one.",
      "Start-up errors are in the LSP log: :execute 'edit' v:lua.vim.lsp.get_log_path()",
    })
    return
  end
  for _, client in ipairs(clients) do
    local buffers = attached_buffers(client)
    local text = string.format("client %d (root %s, encoding %s)", client.id, client_root(client), client.offset_encoding or "?")
    if #buffers > 0 then
      ok(text .. " attached to buffer " .. table.concat(buffers, ", "))
    else
      warn(text .. " is running but attached to no buffer")
    end
  end
end

return M
