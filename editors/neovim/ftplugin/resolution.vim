" A resolution draft is Markdown: take Markdown's filetype settings.
if has('nvim-0.9')
  " Let Markdown's tree-sitter parser serve this filetype (outline, folds, highlighting).
  lua pcall(vim.treesitter.language.register, 'markdown', 'resolution')
endif
runtime! ftplugin/markdown.vim ftplugin/markdown_*.vim ftplugin/markdown/*.vim
if has('nvim-0.9')
  runtime! ftplugin/markdown.lua ftplugin/markdown_*.lua ftplugin/markdown/*.lua
endif
