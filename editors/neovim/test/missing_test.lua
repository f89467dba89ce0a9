-- Headless test of a missing server binary, on Neovim 0.7.2 and 0.11+: files keep their filetype
-- (`*.res.md` is `resolution`), one message names resolution-ls and the setting (`cmd`), and no
-- client starts.
--
--   nvim --headless --clean --cmd "set rtp^=editors/neovim" -S editors/neovim/test/missing_test.lua
--
-- Env: RESOLUTION_LS_TEST_METHOD: start_client, start or enable (setup()'s method), or "bare"
-- (0.11+: vim.lsp.config() + vim.lsp.enable() with no setup()); default: setup()'s own choice.
-- vim.notify is left as Neovim has it: the message is read back from :messages, as a user sees it.
local H = dofile(vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h") .. "/helpers.lua")

H.run("missing_test", function()
  local rls = require("resolution_ls")
  local method = os.getenv("RESOLUTION_LS_TEST_METHOD")
  if method == "" then
    method = nil
  end
  local missing = H.tmpdir() .. "/no-such-dir/resolution-ls"
  if method == "bare" then
    if not H.has("0.11") then
      H.check("vim.lsp.enable() needs Neovim 0.11 (skipped)", true)
      return
    end
    vim.lsp.config("resolution_ls", { cmd = { missing, "--stdio" } })
    vim.lsp.enable("resolution_ls")
  else
    rls.setup({ cmd = { missing, "--stdio" }, method = method })
  end

  local tmp = H.tmpdir()
  local res = tmp .. "/ccpcj-21-3.res.md"
  local plain = tmp .. "/draft.md"
  H.copy(H.fixture, res)
  H.copy(H.fixture, plain)

  local rbuf = H.edit(res)
  H.check("*.res.md still has filetype resolution", vim.bo[rbuf].filetype == "resolution", vim.bo[rbuf].filetype)
  local pbuf = H.edit(plain)
  H.check("draft.md still has filetype markdown", vim.bo[pbuf].filetype == "markdown", vim.bo[pbuf].filetype)

  local expected = "resolution-ls: " .. rls.missing_cmd_message(missing)
  local function count_messages()
    local messages = vim.fn.execute("messages")
    local n, from = 0, 1
    while true do
      local at = messages:find(expected, from, true)
      if not at then
        return n, messages
      end
      n, from = n + 1, at + 1
    end
  end
  H.check("a message says the program is missing", H.wait(function()
    return count_messages() > 0
  end, 3000), select(2, count_messages()))
  H.check("it names resolution-ls, the program and the setting (cmd)", expected:find("resolution-ls", 1, true) == 1
    and expected:find(missing, 1, true) ~= nil and expected:find("`cmd`", 1, true) ~= nil, expected)
  vim.wait(300, function()
    return false
  end)
  local n, messages = count_messages()
  H.check("once, for two files", n == 1, messages)
  H.check("no error messages", not messages:find("E%d+:") and not messages:find("Error"), messages)
  H.check("no client started", #rls.all_clients() == 0, #rls.all_clients())
  H.check("the files are unchanged and not modified", not vim.bo[rbuf].modified and not vim.bo[pbuf].modified
    and H.read(res) == H.read(H.fixture))
end)
