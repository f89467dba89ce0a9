---@brief
---
--- resolution-ls: the language server for UN-style resolution drafts (its README.md tells how to build it)
---
--- A language server and checker for UN-style resolution drafts written in Markdown: footnotes
--- (undefined, unused, out of order), Ibid. chains, italic openers, preambular and operative
--- punctuation and operative numbering, with quick fixes, `source.fixAll.resolution-ls` and
--- refactors that renumber footnotes and operative paragraphs.
---
--- Build it with `cargo build --release` and put `resolution-ls` on your PATH.
---
--- It only reports on Markdown files that are drafts: files with an organ line
--- (`*The General Assembly*,`), files named `*.res.md` or `*.resolution.md`, or files holding
--- `<!-- resolution-ls: enable -->`. Settings (they override `resolution-ls.toml`):
---
--- ```lua
--- vim.lsp.config('resolution_ls', {
---   settings = {
---     ['resolution-ls'] = {
---       ibidForm = 'italic',
---       rules = { ['opener-unknown'] = 'off' },
---     },
---   },
--- })
--- ```

---@type vim.lsp.Config
return {
  cmd = { 'resolution-ls', '--stdio' },
  filetypes = { 'markdown' },
  root_markers = { 'resolution-ls.toml', '.git' },
  before_init = function(params, config)
    -- The server takes the same settings as initializationOptions.
    local settings = config.settings and config.settings['resolution-ls']
    if params.initializationOptions == nil and type(settings) == 'table' and next(settings) ~= nil then
      params.initializationOptions = settings
    end
  end,
}
