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
