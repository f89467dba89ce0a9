-- Neovim 0.11+: the runtime file lsp/resolution_ls.lua alone, with vim.lsp.enable() and no setup().
--
--   nvim --headless --clean --cmd "set rtp^=editors/neovim" -S editors/neovim/test/enable_test.lua
local H = dofile(vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h") .. "/helpers.lua")

H.run("enable_test", function()
  if not H.has("0.11") then
    H.check("vim.lsp.enable() needs Neovim 0.11 (skipped)", true)
    return
  end
  H.capture_messages()
  -- The default cmd is "resolution-ls" on PATH.
  vim.env.PATH = vim.fn.fnamemodify(H.bin, ":h") .. ":" .. vim.env.PATH

  local tmp = H.tmpdir()
  vim.fn.mkdir(tmp .. "/.git", "p")
  local draft = tmp .. "/sub/ccpcj-21-3.md"
  H.copy(H.fixture, draft)

  -- Settings the vim.lsp.config way (under "resolution-ls"); the empty table must not reach the
  -- server as a JSON array.
  vim.lsp.config("resolution_ls", {
    settings = { ["resolution-ls"] = { rules = { ["ibid-style"] = "error", ["opener-unknown"] = {} }, phrases = {} } },
  })
  vim.lsp.enable("resolution_ls")

  local buf = H.edit(draft)
  H.check("the client attaches", H.wait(function()
    return #require("resolution_ls").get_clients(buf) == 1
  end))
  local client = require("resolution_ls").get_clients(buf)[1]
  if not client then
    return
  end
  H.check("it runs the default cmd from lsp/resolution_ls.lua", client.config.cmd[1] == "resolution-ls", client.config.cmd)
  H.check("the root is the folder holding .git", client.root_dir == tmp, { client.root_dir, tmp })
  H.check("two ibid-style errors (settings applied)", H.wait(function()
    local d = H.diagnostics(buf)
    return #d == 2 and d[1].severity == vim.diagnostic.severity.ERROR and d[2].severity == vim.diagnostic.severity.ERROR
  end), H.rules(H.diagnostics(buf)))
  -- before_init: the settings go out as initializationOptions, without empty tables.
  local params, config = {}, { settings = { ["resolution-ls"] = { rules = { a = "off", b = {} }, phrases = {} } } }
  require("resolution_ls").before_init(params, config)
  H.check("before_init sends the settings as initializationOptions, without empty tables",
    vim.deep_equal(params.initializationOptions, { rules = { a = "off" } })
      and vim.deep_equal(config.settings, { ["resolution-ls"] = { rules = { a = "off" } } }),
    { params = params, config = config })

  vim.cmd("ResolutionFixAll")
  H.check(":ResolutionFixAll works without setup()", H.wait(function()
    return #H.diagnostics(buf) == 0
  end), H.rules(H.diagnostics(buf)))

  local rdraft = tmp .. "/two.resolution.md"
  H.copy(H.fixture, rdraft)
  local rbuf = H.edit(rdraft)
  H.check("*.resolution.md has filetype resolution", vim.bo[rbuf].filetype == "resolution", vim.bo[rbuf].filetype)
  H.check("the same client serves it, with its diagnostics", H.wait(function()
    local c = require("resolution_ls").get_clients(rbuf)[1]
    return c and c.id == client.id and #H.diagnostics(rbuf) == 2
  end), H.rules(H.diagnostics(rbuf)))

  vim.cmd("checkhealth resolution_ls")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  H.check(":checkhealth finds the binary on PATH through vim.lsp.config", report:find("cmd from vim.lsp.config", 1, true) ~= nil
    and report:find("resolution%-ls %d+%.%d+%.%d+") ~= nil, report)
  H.check(":checkhealth reports the attached client, no errors or warnings", report:find("attached to buffer", 1, true) ~= nil
    and not report:find("ERROR") and not report:find("WARN"), report)

  -- The entry for nvim-lspconfig (lspconfig/resolution_ls.lua) is a working vim.lsp.Config too.
  vim.lsp.enable("resolution_ls", false)
  local entry = dofile(H.plugin_dir .. "/lspconfig/resolution_ls.lua")
  entry.settings = { ["resolution-ls"] = { rules = { ["ibid-style"] = "hint" } } }
  vim.lsp.config("resolution_ls_lspconfig", entry)
  vim.lsp.enable("resolution_ls_lspconfig")
  local lbuf = H.edit(tmp .. "/sub/lspconfig-copy.md")
  H.copy(H.fixture, vim.api.nvim_buf_get_name(lbuf))
  vim.cmd("edit!")
  H.check("the nvim-lspconfig entry starts the server and gets its diagnostics", H.wait(function()
    local c = vim.lsp.get_clients({ bufnr = lbuf, name = "resolution_ls_lspconfig" })[1]
    local d = H.diagnostics(lbuf)
    return c and #vim.lsp.get_clients({ bufnr = lbuf }) == 1 and #d == 2 and d[1].severity == vim.diagnostic.severity.HINT
  end), H.rules(H.diagnostics(lbuf)))

  H.check("the server showed no warnings", #H.server_messages == 0, H.server_messages)
  local messages = vim.fn.execute("messages")
  H.check("no deprecation notices or errors", not messages:find("deprecated") and not messages:find("E%d+:")
    and #H.notes_matching("deprecated") == 0, messages)
end)
