-- Neovim 0.11+: the default configuration of resolution-ls, found by vim.lsp.enable("resolution_ls").
-- Override any of it with vim.lsp.config("resolution_ls", { ... }) or require("resolution_ls").setup().
---@type vim.lsp.Config
return {
  cmd = { "resolution-ls", "--stdio" },
  filetypes = { "markdown", "resolution" },
  root_markers = { "resolution-ls.toml", ".git" },
  settings = {},
  -- Sends the settings as initializationOptions too, and keeps empty tables out of them.
  before_init = function(params, config)
    require("resolution_ls").before_init(params, config)
  end,
  -- Pulls diagnostics again when the server has applied new settings.
  handlers = require("resolution_ls").handlers,
}
