-- resolution-ls user commands (Neovim 0.7+). They act on the current buffer's resolution-ls
-- client, however it was started (setup(), vim.lsp.enable() or nvim-lspconfig).
if vim.g.loaded_resolution_ls then
  return
end
vim.g.loaded_resolution_ls = true

local function command(name, fn, desc)
  vim.api.nvim_create_user_command(name, function()
    require("resolution_ls")[fn]()
  end, { desc = desc })
end

command("ResolutionFixAll", "fix_all", "resolution-ls: apply every determined fix")
command("ResolutionRenumberFootnotes", "renumber_footnotes", "resolution-ls: renumber footnotes in reading order")
command("ResolutionRenumberOperative", "renumber_operative", "resolution-ls: renumber operative paragraphs")

-- Neovim 0.11+: vim.lsp.enable() skips a server whose program is missing with only a line in the
-- LSP log. Say so instead, naming the setting (cmd), when a buffer the server would serve opens.
if vim.lsp.is_enabled and vim.api.nvim_create_autocmd then
  vim.api.nvim_create_autocmd("FileType", {
    group = vim.api.nvim_create_augroup("resolution_ls_missing_cmd", { clear = true }),
    callback = function(args)
      local rls = require("resolution_ls")
      if not vim.lsp.is_enabled(rls.name) or vim.bo[args.buf].buftype ~= "" then
        return
      end
      local ok, config = pcall(function()
        return vim.lsp.config[rls.name]
      end)
      if ok and config and (not config.filetypes or vim.tbl_contains(config.filetypes, vim.bo[args.buf].filetype)) then
        rls.check_cmd(config.cmd)
      end
    end,
    desc = "resolution-ls: say so when the server's program is missing",
  })
end
