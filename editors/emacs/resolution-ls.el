;;; resolution-ls.el --- Checks UN-style resolution drafts with resolution-ls  -*- lexical-binding: t; -*-

;; Copyright (C) 2025 The resolution-ls authors

;; Author: The resolution-ls authors
;; Maintainer: The resolution-ls authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;; This file is not part of GNU Emacs.

;;; Commentary:

;; Editor support for resolution-ls, the language server and checker for
;; UN-style resolution drafts written in Markdown: openers in italics,
;; numbered operative paragraphs, footnotes and their chains of Ibid.
;;
;; This package provides:
;;
;; - `resolution-mode', a major mode for drafts derived from
;;   `markdown-mode' when that is installed (else from `text-mode'), used
;;   for files named *.res.md and *.resolution.md, and for other Markdown
;;   files that are drafts by their content: an organ line such as
;;   "*The General Assembly*," or a "<!-- resolution-ls: enable -->"
;;   comment near the top (see `resolution-ls-detect-drafts');
;; - a client for lsp-mode (server id `resolution-ls'), registered once
;;   lsp-mode is loaded, and an entry in `eglot-server-programs',
;;   added once Eglot is loaded; both start `resolution-ls-server-command'
;;   for buffers in `resolution-ls-major-modes' (`resolution-mode'
;;   unless you add others) and pass it `resolution-ls-settings'
;;   (as initializationOptions and as the answer to the server's
;;   workspace/configuration request for the section "resolution-ls");
;; - when the server program cannot be found, a message from either
;;   client that names `resolution-ls-server-command' and says what to do;
;; - `resolution-ls-fix-all', which applies the server's
;;   source.fixAll.resolution-ls code action through whichever of
;;   lsp-mode and Eglot manages the buffer.
;;
;; Then start a client in drafts, for instance:
;;
;;   (add-hook 'resolution-mode-hook #'eglot-ensure)
;; or
;;   (add-hook 'resolution-mode-hook #'lsp-deferred)
;;
;; See README.md beside this file for installing, configuring and
;; verifying it.

;;; Code:

(require 'cl-lib)
(require 'subr-x)
(eval-when-compile (require 'eieio))

;; lsp-mode and Eglot are optional: nothing below loads them.
(declare-function lsp-register-client "ext:lsp-mode" (client))
(declare-function make-lsp-client "ext:lsp-mode" (&rest args))
(declare-function lsp-stdio-connection "ext:lsp-mode" (command &optional test-command))
(declare-function lsp-workspaces "ext:lsp-mode" ())
(declare-function lsp-notify "ext:lsp-mode" (method params))
(declare-function lsp--workspace-server-id "ext:lsp-mode" (workspace))
(declare-function lsp-execute-code-action-by-kind "ext:lsp-mode" (command-kind))
(declare-function eglot-current-server "ext:eglot" ())
(declare-function eglot-managed-p "ext:eglot" ())
(declare-function eglot-code-actions "ext:eglot" (beg &optional end action-kind interactive))
(declare-function jsonrpc-notify "ext:jsonrpc" (connection method params))

(defvar lsp-language-id-configuration)
(defvar lsp--cur-workspace)
(defvar eglot-server-programs)

(defconst resolution-ls-fix-all-kind "source.fixAll.resolution-ls"
  "The kind of the code action that applies every determined fix.")

(defgroup resolution-ls nil
  "Checking UN-style resolution drafts with the resolution-ls server."
  :group 'languages
  :prefix "resolution-ls-")

(defcustom resolution-ls-server-command '("resolution-ls" "--stdio")
  "The command that starts the resolution-ls language server.
A program and its arguments.  The program is looked up in the
variable `exec-path' unless it is a file name (absolute, or starting
with \"~\").  The server speaks the Language Server Protocol over
standard input and output when run with no arguments or with
\"--stdio\".  A change takes effect for servers started afterwards."
  :type '(cons (string :tag "Program") (repeat (string :tag "Argument")))
  :group 'resolution-ls)

(defun resolution-ls-command ()
  "The command that starts the server: `resolution-ls-server-command'.
A program name starting with \"~\" is expanded."
  (let ((program (car resolution-ls-server-command)))
    (cons (if (string-prefix-p "~" program) (expand-file-name program) program)
          (cdr resolution-ls-server-command))))

;;; A missing server

(defun resolution-ls--program-found-p ()
  "Whether the program of `resolution-ls-server-command' can be run."
  (let ((program (car (resolution-ls-command))))
    (if (file-name-absolute-p program)
        (file-executable-p program)
      (executable-find program))))

(defun resolution-ls-missing-program-message ()
  "What to tell the user when the server program cannot be found."
  (format (concat "resolution-ls: cannot find the server program `%s'.  "
                  "Install resolution-ls (cargo install --path server, in its "
                  "repository) or set `resolution-ls-server-command' to the "
                  "program's path (M-x customize-option RET "
                  "resolution-ls-server-command).")
          (car (resolution-ls-command))))

(defvar resolution-ls--missing-program-timer nil
  "The timer that will report a missing server program, when one is due.")

(defun resolution-ls--report-missing-program ()
  "Say, once the current command is done, that the server program is missing.
After the command, so that the message is not hidden by the client's
own, and once however often the client asks."
  (unless (timerp resolution-ls--missing-program-timer)
    (setq resolution-ls--missing-program-timer
          (run-at-time 0 nil (lambda ()
                               (setq resolution-ls--missing-program-timer nil)
                               (message "%s" (resolution-ls-missing-program-message)))))))

;;; Drafts found by their content

(defcustom resolution-ls-detect-drafts t
  "Whether Markdown files that are drafts open in `resolution-mode'.
When non-nil, a file that would open in `markdown-mode' or `gfm-mode'
\(or, without markdown-mode, any file named *.md or *.markdown) opens
in `resolution-mode' instead when its first
`resolution-ls-detect-limit' characters hold an organ line, such as
\"*The General Assembly*,\", or the comment
\"<!-- resolution-ls: enable -->\": the same signs by which the server
tells drafts from other files.  Other Markdown files keep their mode,
and whichever language server you use for them.  Files named *.res.md
and *.resolution.md open in `resolution-mode' either way."
  :type 'boolean
  :group 'resolution-ls)

(defconst resolution-ls-detect-limit 4000
  "How many characters at the start of a file are read to tell a draft.")

(defconst resolution-ls--enable-comment-regexp
  "<!--[ \t\n]*resolution-ls:[ \t\n]*enable[ \t\n]*-->"
  "The comment that marks a file as a draft (an enable with no rule).")

(defconst resolution-ls--organ-line-regexp
  (concat "[ \t]*\\(?:\\*\\([^*_ \t\n][^*\n]*\\)\\*"
          "\\|_\\([^*_ \t\n][^_\n]*\\)_\\)"
          "\\([,，،]?\\)[ \t]*$")
  "A line in italics from end to end, with a comma inside or after it.
Group 1 or 2 is the text in italics, group 3 the comma after them.")

(defconst resolution-ls--markdown-file-regexp
  "\\.\\(?:md\\|markdown\\)\\'"
  "Names of Markdown files, for when no mode claims them.")

(defun resolution-ls--organ-name-p (name)
  "Whether NAME, italic text on a line of its own, can name a body.
A name in Latin letters needs two words or more; one in another
script (Russian, Arabic, Chinese) needs a letter."
  (and (string-match-p "[[:alpha:]]" name)
       (or (string-match-p "[^\u0000-\u024F]" name)
           (> (length (split-string name)) 1))))

(defun resolution-ls--organ-line-at-point-p ()
  "Whether the line at point is an organ line.
The line must be a paragraph of its own, in italics from end to end
and naming a body; it ends with a comma (inside or after the italics),
else the next paragraph must be an operative paragraph (numbered) or
start in italics."
  (when (looking-at resolution-ls--organ-line-regexp)
    (let* ((text (string-trim (or (match-string 1) (match-string 2))))
           (comma (or (> (length (match-string 3)) 0)
                      (string-match-p "[,，،]\\'" text)))
           (name (string-trim-right text "[,，،]")))
      (and (resolution-ls--organ-name-p name)
           (save-excursion
             (forward-line 1)
             (looking-at-p "[ \t]*$"))
           (or comma
               (save-excursion
                 (forward-line 1)
                 (skip-chars-forward " \t\n")
                 (looking-at-p "\\(?:[0-9٠-٩]+\\(?:\\.\\| -\\)\\|[*_][^*_ \t\n]\\)")))))))

(defun resolution-ls-draft-p ()
  "Whether the current buffer is a draft by its content.
It is when its first `resolution-ls-detect-limit' characters hold the
comment \"<!-- resolution-ls: enable -->\", or when the first line
there that starts in italics or with a number is an organ line
\(see `resolution-ls--organ-line-at-point-p'); headings and other
lines before it do not count."
  (save-excursion
    (save-restriction
      (widen)
      (narrow-to-region (point-min)
                        (min (point-max) (+ (point-min) resolution-ls-detect-limit)))
      (goto-char (point-min))
      (or (save-excursion (re-search-forward resolution-ls--enable-comment-regexp nil t))
          (let ((case-fold-search nil) found)
            (while (and (not found) (not (eobp)))
              (cond
               ;; Italics (not bold) or a number: the organ line, or
               ;; the first paragraph of a file without one.
               ((looking-at-p "[ \t]*\\(?:[*_][^*_]\\|[0-9٠-٩]+\\(?:\\.\\| -\\)\\)")
                (setq found (if (resolution-ls--organ-line-at-point-p) 'yes 'no)))
               ((looking-at-p "[ \t]*\\(?:```\\|~~~\\)")
                (setq found 'no)))
              (forward-line 1))
            (eq found 'yes))))))

(defun resolution-ls--markdown-file-p (file)
  "Whether FILE would open as Markdown.
That is, `auto-mode-alist' gives it `markdown-mode', `gfm-mode' or a
mode derived from them, or its name ends in .md or .markdown."
  (let* ((name (file-name-sans-versions file))
         (mode (assoc-default name auto-mode-alist #'string-match-p)))
    (when (consp mode) (setq mode (car mode)))
    (or (memq mode '(markdown-mode gfm-mode))
        (and mode (symbolp mode) (provided-mode-derived-p mode 'markdown-mode))
        (let ((case-fold-search t))
          (string-match-p resolution-ls--markdown-file-regexp name)))))

;;;###autoload
(defun resolution-ls-draft-file-p ()
  "Whether the file being visited is a Markdown draft for `resolution-mode'.
For `magic-mode-alist': non-nil when `resolution-ls-detect-drafts'
is on, the file would open as Markdown and `resolution-ls-draft-p'
holds."
  (and resolution-ls-detect-drafts
       buffer-file-name
       (resolution-ls--markdown-file-p buffer-file-name)
       (resolution-ls-draft-p)))

(defun resolution-ls--major-modes-changed (symbol value)
  "Set SYMBOL to VALUE and register the clients again for the new modes."
  (set-default symbol value)
  (resolution-ls--register))

(defcustom resolution-ls-major-modes '(resolution-mode)
  "The major modes whose buffers the resolution-ls clients serve.
Buffers in these modes, or in modes derived from them, are given to
the server by lsp-mode and Eglot.  Markdown files that are drafts open
in `resolution-mode' already (see `resolution-ls-detect-drafts').  Add
`markdown-mode' to have the server check every Markdown buffer: it
finds drafts by their organ line, their name or an enable comment, and
leaves other files alone (but Eglot then gives them no other server)."
  :type '(repeat (symbol :tag "Major mode"))
  :initialize #'custom-initialize-default
  :set #'resolution-ls--major-modes-changed
  :group 'resolution-ls)

(defun resolution-ls--settings-changed (symbol value)
  "Set SYMBOL to VALUE and send the new settings to running servers."
  (set-default symbol value)
  (resolution-ls--notify-settings))

(defcustom resolution-ls-settings nil
  "Settings for the resolution-ls server, as a property list.
They are sent as initializationOptions, as the answer to the server's
workspace/configuration request for the section \"resolution-ls\",
and, when this option is changed with Customize, `setopt' or
`customize-set-variable', to running servers in
workspace/didChangeConfiguration.  They override
the drafts' resolution-ls.toml.

The keys are those of docs/configuration.md in the resolution-ls
repository, written as keywords; nested objects are property lists
too, and lists of strings or vectors are JSON arrays.  Use
`:json-false' for false; a key whose value is nil is left out, so
the server's default applies.  For example:

  (:ibidForm \"italic\"
   :footnoteRepeats \"new-footnote\"
   :rules (:opener-unknown \"off\" :footnote-order \"error\")
   :phrases (:preambular (\"Noting with alarm\"))
   :debounceMs 300)"
  :type '(plist :key-type (symbol :tag "Setting")
                :value-type (sexp :tag "Value"))
  :initialize #'custom-initialize-default
  :set #'resolution-ls--settings-changed
  :group 'resolution-ls)

;;; Settings as JSON

(defun resolution-ls--key (key)
  "KEY, a symbol, keyword or string, as a JSON object key."
  (if (symbolp key) (string-remove-prefix ":" (symbol-name key)) key))

(defun resolution-ls--plist-p (value)
  "Whether VALUE is a property list with keyword keys."
  (and (consp value) (keywordp (car value))
       (proper-list-p value) (cl-evenp (length value))))

(defun resolution-ls--alist-p (value)
  "Whether VALUE is an association list with symbol or string keys."
  (and (consp value) (proper-list-p value)
       (cl-every (lambda (entry)
                   (and (consp entry) (car entry)
                        (or (symbolp (car entry)) (stringp (car entry)))))
                 value)))

(defun resolution-ls--object (pairs)
  "A JSON object (a hash table) from PAIRS, a list of (KEY . VALUE).
Entries whose value is nil are left out."
  (let ((object (make-hash-table :test #'equal)))
    (pcase-dolist (`(,key . ,value) pairs)
      (when value
        (puthash (resolution-ls--key key) (resolution-ls--json value) object)))
    object))

(defun resolution-ls--json (value)
  "VALUE, a setting written in Lisp, in a form every JSON encoder takes.
Property lists and association lists become objects (hash tables),
other lists and vectors become arrays, `:false' and `:json-false'
become false and other symbols their names."
  (cond
   ((hash-table-p value) value)
   ((memq value '(t :json-false)) value)
   ((eq value :false) :json-false)
   ((resolution-ls--plist-p value)
    (resolution-ls--object
     (cl-loop for (key val) on value by #'cddr collect (cons key val))))
   ((resolution-ls--alist-p value) (resolution-ls--object value))
   ((or (consp value) (vectorp value))
    (apply #'vector (mapcar #'resolution-ls--json value)))
   ((and value (symbolp value)) (resolution-ls--key value))
   (t value)))

(defun resolution-ls-settings-json ()
  "`resolution-ls-settings' as the JSON object sent to the server."
  (let ((json (resolution-ls--json resolution-ls-settings)))
    (if (hash-table-p json) json (make-hash-table :test #'equal))))

(defun resolution-ls--configuration (sections)
  "The answer to workspace/configuration for SECTIONS, a list.
Each section named \"resolution-ls\" gets `resolution-ls-settings';
any other gets nil."
  (apply #'vector
         (mapcar (lambda (section)
                   (when (equal section "resolution-ls")
                     (resolution-ls-settings-json)))
                 sections)))

;;; The major mode

(unless (fboundp 'markdown-mode)
  (when (locate-library "markdown-mode")
    (autoload 'markdown-mode "markdown-mode" nil t)))

(defalias 'resolution-ls--parent-mode
  (if (fboundp 'markdown-mode) 'markdown-mode 'text-mode)
  "The parent of `resolution-mode': `markdown-mode' if installed.")

;;;###autoload
(define-derived-mode resolution-mode resolution-ls--parent-mode "Resolution"
  "Major mode for UN-style resolution drafts written in Markdown.
It is `markdown-mode' when that is installed, else `text-mode', and
is meant to run a resolution-ls client: see `eglot-ensure' and
`lsp-deferred'.  \\[resolution-ls-fix-all] applies every determined fix.

\\{resolution-mode-map}"
  (setq-local comment-start "<!-- ")
  (setq-local comment-end " -->")
  (setq-local comment-start-skip "<!--[ \t]*")
  ;; Eglot takes the first entry of `eglot-server-programs' whose mode
  ;; this one derives from: keep ours ahead of any `markdown-mode' entry
  ;; (marksman's) put in front since.
  (when (featurep 'eglot) (resolution-ls--eglot-register)))

;;;###autoload
(add-to-list 'auto-mode-alist
             '("\\.\\(?:res\\|resolution\\)\\.md\\'" . resolution-mode))

;; Drafts found by their content are put in a mode of their own rather
;; than left in `markdown-mode' for the clients to tell apart: Eglot runs
;; one server per buffer, chosen by the major mode alone, so only their
;; own mode gives drafts resolution-ls while other Markdown files keep the
;; server they had (marksman, say), and `M-x lsp', `M-x eglot' and the
;; mode hook work for them as for *.res.md files.  `magic-mode-alist' is
;; read before `auto-mode-alist', with the start of the file at hand.
;;;###autoload
(add-to-list 'magic-mode-alist '(resolution-ls-draft-file-p . resolution-mode))

;;; lsp-mode

(defun resolution-ls--get (object key)
  "The KEY of OBJECT, a JSON object read by lsp-mode.
KEY is a string; OBJECT a hash table or, with `lsp-use-plists', a
property list."
  (if (hash-table-p object)
      (gethash key object)
    (plist-get object (intern (concat ":" key)))))

(defun resolution-ls--lsp-configuration (_workspace params)
  "Answer the server's workspace/configuration request PARAMS for lsp-mode."
  (resolution-ls--configuration
   (mapcar (lambda (item) (resolution-ls--get item "section"))
           (resolution-ls--get params "items"))))

(defun resolution-ls--lsp-workspaces ()
  "The running lsp-mode workspaces of the resolution-ls server."
  (when (fboundp 'lsp--workspace-server-id)
    (let (found)
      (dolist (buffer (buffer-list))
        (with-current-buffer buffer
          (when (bound-and-true-p lsp-mode)
            (dolist (workspace (lsp-workspaces))
              (when (eq (lsp--workspace-server-id workspace) 'resolution-ls)
                (cl-pushnew workspace found))))))
      found)))

(defun resolution-ls--lsp-server-present-p ()
  "Whether the server program is there; if not, say what to do."
  (or (resolution-ls--program-found-p)
      (progn (resolution-ls--report-missing-program) nil)))

(defun resolution-ls--lsp-register ()
  "Register the resolution-ls client with lsp-mode."
  (add-to-list 'lsp-language-id-configuration '(resolution-mode . "markdown"))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection #'resolution-ls-command
                                          #'resolution-ls--lsp-server-present-p)
    ;; Ahead of Markdown servers (they see drafts as "markdown" too).
    :priority 1
    :activation-fn (lambda (_file-name _mode)
                     (apply #'derived-mode-p resolution-ls-major-modes))
    :major-modes resolution-ls-major-modes
    :server-id 'resolution-ls
    :initialization-options #'resolution-ls-settings-json
    :request-handlers
    (let ((handlers (make-hash-table :test #'equal)))
      (puthash "workspace/configuration" #'resolution-ls--lsp-configuration
               handlers)
      handlers))))

(with-eval-after-load 'lsp-mode
  (resolution-ls--lsp-register))

;;; Eglot

(defun resolution-ls-eglot-contact (&optional interactive)
  "The Eglot contact for resolution-ls: its class and its command.
For `eglot-server-programs', which `resolution-ls-major-modes' fills.
Signals a `user-error' that says what to do when the program cannot
be found, unless INTERACTIVE with a prefix argument, where Eglot asks
for the command."
  (unless (or (resolution-ls--program-found-p)
              (and interactive current-prefix-arg))
    (user-error "%s" (resolution-ls-missing-program-message)))
  (cons 'resolution-ls-eglot-server (resolution-ls-command)))

(defun resolution-ls--eglot-servers ()
  "The running Eglot servers of the class `resolution-ls-eglot-server'."
  (when (fboundp 'eglot-managed-p)
    (let (found)
      (dolist (buffer (buffer-list))
        (with-current-buffer buffer
          (when-let ((server (and (eglot-managed-p) (eglot-current-server))))
            (when (eq (type-of server) 'resolution-ls-eglot-server)
              (cl-pushnew server found)))))
      found)))

(defun resolution-ls--eglot-register ()
  "Put resolution-ls in `eglot-server-programs' for its major modes."
  (setq eglot-server-programs
        (cons (cons (mapcar (lambda (mode) (list mode :language-id "markdown"))
                            resolution-ls-major-modes)
                    #'resolution-ls-eglot-contact)
              (cl-remove #'resolution-ls-eglot-contact eglot-server-programs
                         :key #'cdr-safe))))

(with-eval-after-load 'eglot
  ;; Eglot has loaded EIEIO by now.  `defclass' expands into functions
  ;; that refer to one another, which the compiler recognizes only in a
  ;; top-level form, and this one cannot be top-level: its parent class
  ;; exists only once Eglot is loaded.
  (with-no-warnings
    (defclass resolution-ls-eglot-server (eglot-lsp-server) ()
      :documentation "An Eglot connection to the resolution-ls server."))

  (cl-defmethod eglot-initialization-options ((_server resolution-ls-eglot-server))
    "The initializationOptions for resolution-ls: `resolution-ls-settings'."
    (resolution-ls-settings-json))

  (cl-defmethod eglot-handle-request
    ((_server resolution-ls-eglot-server) (_method (eql workspace/configuration))
     &key items)
    "Answer workspace/configuration with `resolution-ls-settings'.
A section that `eglot-workspace-configuration' sets is answered from
there instead."
    (let ((theirs (cl-call-next-method))
          (ours (resolution-ls--configuration
                 (mapcar (lambda (item) (plist-get item :section)) items))))
      (apply #'vector
             (cl-mapcar (lambda (their our) (or their our)) theirs ours))))

  (resolution-ls--eglot-register))

;;; Registration and settings changes

(defun resolution-ls--register ()
  "Register with whichever of lsp-mode and Eglot is loaded."
  (when (featurep 'lsp-mode) (resolution-ls--lsp-register))
  (when (featurep 'eglot) (resolution-ls--eglot-register)))

(defun resolution-ls--notify-settings ()
  "Send `resolution-ls-settings' to every running resolution-ls server."
  (let ((params (list :settings (resolution-ls-settings-json))))
    (dolist (workspace (resolution-ls--lsp-workspaces))
      (let ((lsp--cur-workspace workspace))
        (lsp-notify "workspace/didChangeConfiguration" params)))
    (dolist (server (resolution-ls--eglot-servers))
      (jsonrpc-notify server :workspace/didChangeConfiguration params))))

;;; Commands

;;;###autoload
(defun resolution-ls-fix-all ()
  "Apply every fix the resolution-ls server has for the current draft.
This runs the code action source.fixAll.resolution-ls through
lsp-mode or Eglot, whichever manages the buffer."
  (interactive)
  (cond
   ((bound-and-true-p lsp-mode)
    (condition-case nil
        (lsp-execute-code-action-by-kind resolution-ls-fix-all-kind)
      (lsp-no-code-actions (message "resolution-ls: nothing to fix"))))
   ((and (fboundp 'eglot-managed-p) (eglot-managed-p))
    (if (eglot-code-actions (point-min) (point-max) resolution-ls-fix-all-kind)
        (eglot-code-actions (point-min) (point-max) resolution-ls-fix-all-kind t)
      (message "resolution-ls: nothing to fix")))
   (t (user-error "Neither lsp-mode nor Eglot manages this buffer"))))

(provide 'resolution-ls)
;;; resolution-ls.el ends here
