" Drafts named *.res.md or *.resolution.md get the filetype "resolution" (Markdown syntax).
" :set (not :setfiletype) because the *.md rule has already made them markdown.
autocmd BufRead,BufNewFile *.res.md,*.resolution.md set filetype=resolution
