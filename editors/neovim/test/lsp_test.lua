-- Headless end-to-end test of the plugin against the real server, on Neovim 0.7.2 and 0.11+.
--
--   nvim --headless --clean --cmd "set rtp^=editors/neovim" -S editors/neovim/test/lsp_test.lua
--
-- Env: RESOLUTION_LS_BIN (the server binary), RESOLUTION_LS_TEST_METHOD (force setup()'s
-- method: start_client, start or enable; default: chosen from the Neovim version).
local H = dofile(vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h") .. "/helpers.lua")

local WARN, ERROR = vim.diagnostic.severity.WARN, vim.diagnostic.severity.ERROR

H.run("lsp_test", function()
  local rls = require("resolution_ls")
  H.capture_messages()
  local method = os.getenv("RESOLUTION_LS_TEST_METHOD")
  if method == "" then
    method = nil
  end

  -- A project: resolution-ls.toml marks its root, the draft sits in a sub-folder.
  local tmp = H.tmpdir()
  local project = tmp .. "/project"
  H.write(project .. "/resolution-ls.toml", "# defaults\n")
  local draft = project .. "/drafts/ccpcj-21-3.md"
  H.copy(H.fixture, draft)

  rls.setup({
    cmd = { H.bin, "--stdio" },
    settings = { rules = { ["ibid-style"] = "error" }, phrases = {} },
    method = method,
  })
  local expected_method = method
    or (H.has("0.11") and "enable")
    or (vim.lsp.start and "start")
    or "start_client"
  H.check("setup() uses " .. expected_method, rls.method == expected_method, rls.method)

  -- Open the draft: the client attaches and the server's diagnostics arrive.
  local buf = H.edit(draft)
  H.check("a draft named *.md has filetype markdown", vim.bo[buf].filetype == "markdown", vim.bo[buf].filetype)
  H.check("the client attaches", H.wait(function()
    return #rls.get_clients(buf) == 1
  end), "no resolution_ls client on the buffer")
  local client = rls.get_clients(buf)[1]
  if not client then
    return
  end
  local root = client.root_dir or client.config.root_dir
  H.check("the root is the folder of resolution-ls.toml", root == project, { root = root, expected = project })

  H.check("two ibid-style diagnostics from resolution-ls", H.wait(function()
    return #H.diagnostics(buf) == 2
  end), H.rules(H.diagnostics(buf)))
  local diags = H.diagnostics(buf)
  H.check("they are on lines 71 and 73 with rule ibid-style", #diags == 2 and diags[1].lnum == 70 and diags[2].lnum == 72
    and diags[1].rule == "ibid-style" and diags[2].rule == "ibid-style", H.rules(diags))
  H.check("settings reached the server (ibid-style raised to error)", #diags == 2 and diags[1].severity == ERROR and diags[2].severity == ERROR, H.rules(diags))

  -- workspace/configuration is answered with the settings.
  local handler = client.handlers and client.handlers["workspace/configuration"] or vim.lsp.handlers["workspace/configuration"]
  local answer = handler(nil, { items = { { section = "resolution-ls" } } }, { client_id = client.id, method = "workspace/configuration" })
  H.check("workspace/configuration is answered with the settings", type(answer) == "table" and type(answer[1]) == "table"
    and answer[1].rules and answer[1].rules["ibid-style"] == "error", answer)

  -- New settings go to the server through workspace/didChangeConfiguration.
  rls.set_settings({ rules = { ["ibid-style"] = "warning" } })
  H.check("set_settings() changes the diagnostics (ibid-style back to warning)", H.wait(function()
    local d = H.diagnostics(buf)
    return #d == 2 and d[1].severity == WARN and d[2].severity == WARN
  end), H.rules(H.diagnostics(buf)))

  -- Inlay hints (Neovim 0.10 and later): after each Ibid., the footnote it stands for.
  if vim.lsp.inlay_hint and vim.lsp.inlay_hint.get then
    vim.lsp.inlay_hint.enable(true, { bufnr = buf })
    local function hints()
      local out = {}
      for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
        local hint = item.inlay_hint
        local label = type(hint.label) == "string" and hint.label or hint.label[1].value
        table.insert(out, string.format("%d:%d %s", hint.position.line, hint.position.character, label))
      end
      table.sort(out)
      return out
    end
    H.check("vim.lsp.inlay_hint.get() returns a hint for each of the seven Ibid.s", H.wait(function()
      return #hints() == 7
    end), hints())
    -- Footnotes 3 to 5 (lines 27, 29, 31) stand for 2; 10 to 13 (lines 61, 63, 71, 73) for 9.
    H.check("each hint follows its Ibid. word and names the footnote it stands for", vim.deep_equal(hints(), {
      "26:20 → 2", "28:20 → 2", "30:20 → 2", "60:21 → 9", "62:21 → 9", "70:19 → 9", "72:19 → 9",
    }), hints())
    vim.lsp.inlay_hint.enable(false, { bufnr = buf })
  end

  -- Hover on the footnote marker <sup>7</sup> (line 35).
  local line35 = H.line(buf, 35)
  local col = assert(line35:find("<sup>7</sup>", 1, true))
  vim.api.nvim_win_set_cursor(0, { 35, col + 5 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local results = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, H.timeout) or {}
  local hover
  for _, res in pairs(results) do
    if res.result and res.result.contents then
      hover = res.result.contents.value or res.result.contents
    end
  end
  H.check("hover on <sup>7</sup> shows **Footnote 7** and its text", type(hover) == "string"
    and hover:find("**Footnote 7**", 1, true) ~= nil
    and hover:find("Official Records of the Economic and Social Council", 1, true) ~= nil, hover)

  -- The same through vim.lsp.buf.hover(): a floating window shows it.
  vim.lsp.buf.hover()
  local float_text
  H.check("vim.lsp.buf.hover() opens a float with the footnote", H.wait(function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= "" then
        float_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), "\n")
        if float_text:find("Footnote 7", 1, true) then
          pcall(vim.api.nvim_win_close, win, true)
          return true
        end
      end
    end
  end, 5000), float_text)

  -- The quick fix for the first ibid-style, chosen through vim.lsp.buf.code_action().
  vim.api.nvim_win_set_cursor(0, { 71, 16 })
  local offered = {}
  local select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local action = item.action or item[2]
      table.insert(offered, action.title)
      if action.kind == "quickfix" and action.title:find("Ibid") then
        return on_choice(item)
      end
    end
    on_choice(nil)
  end
  if H.has("0.8") then
    vim.lsp.buf.code_action({ context = { only = { "quickfix" } } })
  else
    vim.lsp.buf.code_action({ only = { "quickfix" } })
  end
  local fixed_one = H.wait(function()
    return H.line(buf, 71):find("*Ibid.*", 1, true) ~= nil
  end)
  vim.ui.select = select
  H.check("vim.lsp.buf.code_action() applies the ibid-style quick fix", fixed_one, { offered = offered, line71 = H.line(buf, 71) })
  -- The server's ibid-style fix writes every Ibid. of the draft alike: both go.
  H.check("the ibid-style diagnostics go", H.wait(function()
    return #H.diagnostics(buf) == 0
  end), H.rules(H.diagnostics(buf)))
  H.check("the quick fix wrote line 73 too", H.line(buf, 73):find("*Ibid.*", 1, true) ~= nil, H.line(buf, 73))

  -- Back to the text on disk, then :ResolutionFixAll.
  vim.cmd("edit!")
  H.check("after :edit! the two ibid-style diagnostics are back", H.wait(function()
    return #H.diagnostics(buf) == 2
  end), H.rules(H.diagnostics(buf)))
  vim.cmd("ResolutionFixAll")
  H.check(":ResolutionFixAll applies source.fixAll", H.line(buf, 71):find("*Ibid.*", 1, true) ~= nil
    and H.line(buf, 73):find("*Ibid.*", 1, true) ~= nil, { H.line(buf, 71), H.line(buf, 73) })
  H.check("no diagnostics are left", H.wait(function()
    return #H.diagnostics(buf) == 0
  end), H.rules(H.diagnostics(buf)))
  H.check(":ResolutionFixAll with nothing to fix says so", rls.fix_all() == false and #H.notes_matching("nothing to fix") == 1,
    H.notes)

  -- A *.res.md draft: filetype resolution, Markdown syntax, and the two renumbering commands.
  local renumber = project .. "/renumber.res.md"
  H.write(renumber, table.concat({
    "*The General Assembly*,",
    "",
    "*Recalling* the United Nations Convention against Transnational Organized Crime,<sup>2</sup> and General Assembly resolution 55/25,<sup>1</sup>",
    "",
    "1. *Urges* States to criminalize trafficking in cultural property as a serious crime;",
    "",
    "3. *Requests* the Secretary-General to report to the General Assembly at its next session.",
    "",
    "---",
    "",
    "<sup>1</sup> See *Official Records of the General Assembly, Fifty-fifth Session*.",
    "",
    "<sup>2</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.",
    "",
  }, "\n"))
  local rbuf = H.edit(renumber)
  H.check("*.res.md has filetype resolution", vim.bo[rbuf].filetype == "resolution", vim.bo[rbuf].filetype)
  H.check("filetype resolution uses Markdown syntax", vim.b.current_syntax == "resolution" and vim.fn.hlexists("markdownItalic") == 1,
    { current_syntax = vim.b.current_syntax })
  H.check("the client attaches to the *.res.md draft too (same client)", H.wait(function()
    local c = rls.get_clients(rbuf)[1]
    return c and c.id == client.id
  end), vim.tbl_map(function(c)
    return c.id
  end, rls.get_clients(rbuf)))
  H.check("footnote-order and operative-numbering are reported", H.wait(function()
    local r = H.rules(H.diagnostics(rbuf))
    return r:find("footnote-order", 1, true) and r:find("operative-numbering", 1, true)
  end), H.rules(H.diagnostics(rbuf)))

  vim.cmd("ResolutionRenumberFootnotes")
  H.check(":ResolutionRenumberFootnotes renumbers references and definitions",
    H.line(rbuf, 3):find("Crime,<sup>1</sup> and General Assembly resolution 55/25,<sup>2</sup>", 1, true) ~= nil
      and H.line(rbuf, 11):find("^<sup>2</sup> See") ~= nil
      and H.line(rbuf, 13):find("^<sup>1</sup> United Nations") ~= nil,
    { H.line(rbuf, 3), H.line(rbuf, 11), H.line(rbuf, 13) })
  vim.cmd("ResolutionRenumberOperative")
  H.check(":ResolutionRenumberOperative renumbers paragraph 3 as 2", H.line(rbuf, 7):find("^2%. %*Requests%*") ~= nil, H.line(rbuf, 7))
  H.check("footnote-order and operative-numbering are gone", H.wait(function()
    local r = H.rules(H.diagnostics(rbuf))
    return not r:find("footnote-order", 1, true) and not r:find("operative-numbering", 1, true)
  end), H.rules(H.diagnostics(rbuf)))
  H.check("renumbering again has nothing to do", rls.renumber_operative() == false and rls.renumber_footnotes() == false,
    H.notes)

  -- :checkhealth resolution_ls
  vim.cmd("checkhealth resolution_ls")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  H.check(":checkhealth resolution_ls reports the binary and its --version", report:find("resolution%-ls %d+%.%d+%.%d+") ~= nil
    and report:find(H.bin, 1, true) ~= nil, report)
  H.check(":checkhealth resolution_ls reports Neovim's version", report:find("Neovim " .. H.nvim_version, 1, true) ~= nil, report)
  H.check(":checkhealth resolution_ls reports the attached client", report:find("attached to buffer", 1, true) ~= nil, report)
  H.check(":checkhealth resolution_ls has no errors or warnings", not report:find("ERROR") and not report:find("WARN"), report)
  vim.cmd("tabclose")

  -- The help file: its tags build and :help finds them.
  local rtp = tmp .. "/rtp"
  H.copy(H.plugin_dir .. "/doc/resolution_ls.txt", rtp .. "/doc/resolution_ls.txt")
  vim.opt.runtimepath:append(rtp)
  local ok_tags, tags_err = pcall(vim.cmd, "helptags " .. vim.fn.fnameescape(rtp .. "/doc"))
  H.check(":helptags accepts doc/resolution_ls.txt", ok_tags, tags_err)
  local help = H.read(rtp .. "/doc/resolution_ls.txt")
  local defined = {}
  for tag in help:gmatch("%*([^%s*|]+)%*") do
    defined[tag] = true
  end
  local missing = {}
  for ref in help:gmatch("|([^%s|]+)|") do
    if (ref:find("^resolution") or ref:find("^:Resolution")) and not defined[ref] then
      table.insert(missing, ref)
    end
  end
  H.check("every |resolution...| link in the help has its tag", #missing == 0, missing)
  for _, tag in ipairs({ "resolution_ls", "resolution_ls.setup()", ":ResolutionFixAll", ":ResolutionRenumberFootnotes",
    ":ResolutionRenumberOperative", "resolution_ls-health" }) do
    local ok_help = pcall(vim.cmd, "help " .. tag)
    H.check(":help " .. tag, ok_help and vim.api.nvim_buf_get_name(0):find("resolution_ls.txt", 1, true) ~= nil,
      vim.api.nvim_buf_get_name(0))
    pcall(vim.cmd, "helpclose")
  end

  -- Nothing went wrong on the way.
  H.check("the server showed no warnings", #H.server_messages == 0, H.server_messages)
  local bad = {}
  for _, note in ipairs(H.notes) do
    if (note.level or 0) >= vim.log.levels.WARN or note.msg:find("deprecated") then
      table.insert(bad, note.msg)
    end
  end
  local messages = vim.fn.execute("messages")
  if messages:find("deprecated") or messages:find("E%d+:") then
    table.insert(bad, messages)
  end
  H.check("no errors, warnings or deprecation notices", #bad == 0, bad)
end)
